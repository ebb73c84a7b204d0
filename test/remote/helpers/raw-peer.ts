import net from 'node:net';
import { encodeMessage, encodeWith, FrameDecoder, MessageStatus, MessageType, Proc, REMOTE_PROGRAM, type Message } from '@virtkit/remote';

/** A raw protocol peer: sends frames, collects frames, notices the close. */
export class RawPeer {
  readonly frames: Message[] = [];
  closed = false;
  private readonly decoder = new FrameDecoder();
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (c: Buffer) => {
      this.frames.push(...this.decoder.push(c));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(path: string): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(path, () => resolve(new RawPeer(s)));
      s.once('error', reject);
    });
  }

  static connectTcp(host: string, port: number): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection(port, host, () => resolve(new RawPeer(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `check` holds, or fails after `ms`. */
  async until(check: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  call(proc: number, serial: number, body: Buffer = Buffer.alloc(0)): void {
    this.socket.write(encodeMessage({ prog: REMOTE_PROGRAM, vers: 1, proc, type: MessageType.CALL, serial, status: MessageStatus.OK }, body));
  }

  /** The reply to `serial`; fails at once when the peer closes without sending it. */
  async reply(serial: number, ms = 5000): Promise<Message> {
    const find = () => this.frames.find((f) => f.header.type === MessageType.REPLY && f.header.serial === serial);
    await this.until(() => find() !== undefined || this.closed, ms, `reply ${serial}`);
    const r = find();
    if (!r) throw new Error(`the connection closed before reply ${serial}`);
    return r;
  }

  async open(uri = 'test:///default'): Promise<void> {
    this.call(Proc.CONNECT_OPEN.proc, 0, encodeWith(Proc.CONNECT_OPEN.args, { name: uri, flags: 0 }));
    const r = await this.reply(0);
    if (r.header.status !== MessageStatus.OK) throw new Error('open failed');
  }

  end(): void {
    this.socket.destroy();
  }
}
