import { rm } from 'node:fs/promises';
import type net from 'node:net';
import { createHttpServer } from './http-server.js';
import { createRelocationServer } from './relocation.js';
import { XendDomains } from './xend-domains.js';
import { XendServer } from './xend-server.js';

export interface XendEmulatorOptions {
  /** Unix socket for HTTP (xend-unix-path). */
  socketPath?: string;
  /** TCP port for HTTP on 127.0.0.1 (xend-port); 0 picks a free one. */
  httpPort?: number;
  /** TCP port of the relocation listener on 127.0.0.1 (xend-relocation-port); 0 picks a free one. */
  relocationPort?: number;
  /** Reported as node/host. */
  hostname?: string;
  totalMemoryMib?: number;
  nrCpus?: number;
}

const LOOPBACK = '127.0.0.1';

function listen(server: net.Server, target: { path: string } | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(target, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function port(server: net.Server): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

/**
 * An xend with guests in memory: HTTP on a unix socket and/or loopback TCP,
 * and a relocation listener on loopback. Guests do not run code; their state
 * follows xend's state machine.
 */
export class XendEmulator {
  readonly domains: XendDomains;
  private readonly servers: net.Server[] = [];
  httpPort?: number;
  relocationPort = 0;
  socketPath?: string;

  private constructor(private readonly options: XendEmulatorOptions) {
    this.domains = new XendDomains(options.totalMemoryMib ?? 8192);
  }

  static async start(options: XendEmulatorOptions): Promise<XendEmulator> {
    const emu = new XendEmulator(options);
    try {
      await emu.listen();
    } catch (e) {
      await emu.stop();
      throw e;
    }
    return emu;
  }

  private async listen(): Promise<void> {
    const o = this.options;
    const relocation = createRelocationServer(this.domains);
    this.servers.push(relocation);
    await listen(relocation, { host: LOOPBACK, port: o.relocationPort ?? 0 });
    this.relocationPort = port(relocation);
    const xend = new XendServer(this.domains, {
      hostname: o.hostname ?? 'xenhost',
      relocationPort: this.relocationPort,
      nrCpus: o.nrCpus ?? 4,
      cpuMhz: 2394,
    });
    const handle = xend.handle.bind(xend);
    if (o.socketPath !== undefined) {
      await rm(o.socketPath, { force: true });
      const unix = createHttpServer(handle);
      this.servers.push(unix);
      await listen(unix, { path: o.socketPath });
      this.socketPath = o.socketPath;
    }
    if (o.httpPort !== undefined) {
      const tcp = createHttpServer(handle);
      this.servers.push(tcp);
      await listen(tcp, { host: LOOPBACK, port: o.httpPort });
      this.httpPort = port(tcp);
    }
  }

  /** `http://127.0.0.1:PORT`, for xen:///system?xend=… */
  get httpUrl(): string | undefined {
    return this.httpPort === undefined ? undefined : `http://${LOOPBACK}:${this.httpPort}`;
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      (s as net.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    })));
    this.servers.length = 0;
    if (this.socketPath !== undefined) await rm(this.socketPath, { force: true });
  }
}
