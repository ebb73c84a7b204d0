import type { Socket } from 'node:net';

/** Reads exact byte counts and lines from a socket, failing on close or after a timeout. */
export class SocketReader {
  private buf = Buffer.alloc(0);
  private waiter?: () => void;
  private ended = false;
  private error?: Error;

  constructor(private readonly socket: Socket, private readonly timeoutMs: number) {
    socket.on('data', (d: Buffer) => { this.buf = Buffer.concat([this.buf, d]); this.wake(); });
    socket.on('end', () => { this.ended = true; this.wake(); });
    socket.on('close', () => { this.ended = true; this.wake(); });
    socket.on('error', (e) => { this.error = e; this.wake(); });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async until(ready: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (!ready()) {
      if (this.error) throw this.error;
      if (this.ended) throw new Error(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => { clearTimeout(t); resolve(); };
      });
    }
  }

  async read(n: number): Promise<Buffer> {
    await this.until(() => this.buf.length >= n, `${n} bytes`);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** A line without its newline; at most `max` bytes. */
  async readLine(max = 4096): Promise<string> {
    await this.until(() => this.buf.includes(10) || this.buf.length > max, 'a line');
    const nl = this.buf.indexOf(10);
    if (nl < 0) throw new Error(`line longer than ${max} bytes`);
    const line = this.buf.subarray(0, nl).toString('utf8');
    this.buf = this.buf.subarray(nl + 1);
    return line;
  }
}
