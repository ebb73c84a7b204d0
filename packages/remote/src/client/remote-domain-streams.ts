import type { Duplex } from 'node:stream';
import type { ConsoleRole, DomainRef, ScreenshotRole, ScreenshotStream, SendKeyRole } from '@virtkit/core';
import type { RpcClient } from './rpc-client.js';
import { consoleStream, screenshotStream } from './rpc-stream.js';

/** Consoles, screenshots and keys as REMOTE procedures; the server checks flags and arguments, as libvirtd's public API does. */
export class RemoteDomainStreams implements ConsoleRole, ScreenshotRole, SendKeyRole {
  constructor(private readonly rpc: RpcClient) {}

  openConsole(dom: DomainRef, devName: string | undefined, flags: number): Promise<Duplex> { return consoleStream(this.rpc, dom, devName, flags); }
  screenshot(dom: DomainRef, screen: number, flags: number): Promise<ScreenshotStream> { return screenshotStream(this.rpc, { dom, screen, flags }); }
  async sendKey(dom: DomainRef, codeset: number, holdtime: number, keycodes: readonly number[], flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_SEND_KEY', { dom, codeset, holdtime, keycodes: [...keycodes], flags });
  }
}
