import net from 'node:net';
import { parseArgs } from 'node:util';
import { parseUri } from '@virtkit/core';
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET } from '../client/remote-driver.js';

export const SSH_HELPER_USAGE = `usage: virtkitd ssh-helper [-r] [--socket PATH] URI

The far end of a DRIVER+ssh:// connection (libvirt's virt-ssh-helper role):
joins stdin and stdout to the daemon's unix socket, until either side ends.
The client's ssh runs it when it is on the remote PATH, else nc -U SOCKET.

  --socket PATH   the daemon's socket (default ${DEFAULT_SOCKET})
  -r, --readonly  the read-only socket by default (${DEFAULT_RO_SOCKET})
  URI             the URI the client opens (checked, as virt-ssh-helper does)`;

/**
 * Copies bytes between stdio and the socket at `path`. Ends the socket's
 * writing side when stdin ends (the client hung up) and resolves once the
 * socket has closed, after everything it sent was written to stdout.
 * Rejects when the socket cannot be reached.
 */
export function proxyStdio(path: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(path);
    socket.once('error', (e) => reject(new Error(`Failed to connect to socket '${path}': ${e.message}`)));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      socket.on('error', () => socket.destroy());
      input.pipe(socket);
      socket.pipe(output, { end: false });
      socket.once('close', () => {
        input.unpipe(socket);
        resolve();
      });
    });
  });
}

/** `virtkitd ssh-helper ARGS`: returns the exit status; errors go to stderr, which ssh carries to the client. */
export async function sshHelperMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { socket: { type: 'string' }, readonly: { type: 'boolean', short: 'r' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (e) {
    process.stderr.write(`virtkitd ssh-helper: ${(e as Error).message}\n${SSH_HELPER_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${SSH_HELPER_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`virtkitd ssh-helper: expected one URI\n${SSH_HELPER_USAGE}\n`);
    return 2;
  }
  try {
    parseUri(positionals[0]);
    await proxyStdio(values.socket ?? (values.readonly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET), process.stdin, process.stdout);
  } catch (e) {
    process.stderr.write(`virtkitd ssh-helper: ${(e as Error).message}\n`);
    return 1;
  }
  return 0;
}
