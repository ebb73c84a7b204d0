import net from 'node:net';
import { ErrorCode, createToken } from '@virtkit/core';
import { fail } from './errors.js';

/**
 * Hands out the ports incoming migrations and restores listen on. One per
 * driver, shared by every root; injected under the PortAllocator token.
 */
export interface PortAllocator {
  /** Reserves a port; `skip` lists ports already found unusable by the caller. */
  acquire(skip?: ReadonlySet<number>): Promise<number>;
  /** Hands a reserved port back. */
  release(port: number): void;
}
export const PortAllocator = createToken<PortAllocator>('PortAllocator');

/**
 * Ports from a range on 127.0.0.1: the next one not handed out by this
 * allocator and free to bind right now.
 */
export class RangePortAllocator implements PortAllocator {
  private readonly used = new Set<number>();

  constructor(readonly min: number, readonly max: number) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || min > max) {
      throw fail(ErrorCode.INVALID_ARG, `migration port range ${min}-${max}`);
    }
  }

  async acquire(skip: ReadonlySet<number> = new Set()): Promise<number> {
    for (let port = this.min; port <= this.max; port++) {
      if (this.used.has(port) || skip.has(port)) continue;
      this.used.add(port);
      if (await canBind(port)) return port;
      this.used.delete(port);
    }
    throw fail(ErrorCode.OPERATION_FAILED, `no free port in the migration range ${this.min}-${this.max}`);
  }

  release(port: number): void {
    this.used.delete(port);
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}
