import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, ErrorDomain, errorReporter } from '@virtkit/core';
import { decodeWith, encodeMessage, encodeWith, FrameDecoder, MessageStatus, MessageType, Proc, remoteError } from '@virtkit/remote';

/**
 * A scripted server on a unix socket: AUTH_LIST and CONNECT_OPEN succeed,
 * CONNECT_SUPPORTS_FEATURE is answered by `feature` (a number, an error
 * reply, or the socket closed), and any other call by `other` when it takes
 * it (returns true), else with an empty OK reply (CONNECT_CLOSE succeeds).
 */
export async function scriptedServer(
  feature: (n: number) => number | 'error' | 'hang up',
  other: (proc: number, socket: net.Socket) => boolean = () => false,
): Promise<{ uri: string; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-scripted-'));
  const sock = path.join(dir, 'sock');
  const server = net.createServer((s) => {
    const decoder = new FrameDecoder();
    s.on('error', () => {});
    s.on('data', (chunk: Buffer) => {
      for (const { header: h, body } of decoder.push(chunk)) {
        const reply = (status: MessageStatus, b: Buffer) => s.write(encodeMessage({ ...h, type: MessageType.REPLY, status }, b));
        if (h.proc === Proc.AUTH_LIST.proc) reply(MessageStatus.OK, encodeWith(Proc.AUTH_LIST.ret, { types: [] }));
        else if (h.proc !== Proc.CONNECT_SUPPORTS_FEATURE.proc) {
          if (!other(h.proc, s)) reply(MessageStatus.OK, Buffer.alloc(0));
        } else {
          const answer = feature(decodeWith(Proc.CONNECT_SUPPORTS_FEATURE.args, body, 'args').feature);
          if (answer === 'hang up') s.destroy();
          else if (answer === 'error') reply(MessageStatus.ERROR, encodeWith(remoteError, errorReporter(ErrorDomain.RPC)(ErrorCode.INTERNAL_ERROR, 'no such feature here')));
          else reply(MessageStatus.OK, encodeWith(Proc.CONNECT_SUPPORTS_FEATURE.ret, { supported: answer }));
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(sock, r));
  return {
    uri: `test+unix:///default?socket=${sock}`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
