import { KEEPALIVE_PROGRAM, KEEPALIVE_PROTOCOL_VERSION, KeepaliveProc, MessageStatus, MessageType } from './constants.js';
import { encodeMessage } from './message.js';

export interface KeepaliveOptions {
  /** Seconds of silence before a PING; -1 never pings but still answers. Default 5. */
  interval: number;
  /** Unanswered PINGs before the peer is declared dead. Default 5. */
  count: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { interval: 5, count: 5 };

function keepaliveFrame(proc: number): Buffer {
  return encodeMessage({ prog: KEEPALIVE_PROGRAM, vers: KEEPALIVE_PROTOCOL_VERSION, proc, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK });
}

/** The keepalive frames never change: built once. */
export const PING_FRAME = keepaliveFrame(KeepaliveProc.PING);
export const PONG_FRAME = keepaliveFrame(KeepaliveProc.PONG);

/**
 * libvirt's keepalive (virkeepalive.c) for one peer: any received packet
 * resets the countdown; after `interval` seconds of silence a PING goes out
 * and the counter drops; at zero the peer is dead. The connection dies about
 * interval × (count + 1) seconds after the last packet.
 *
 * Receiving a packet only records the time: the timer, when it fires, re-arms
 * itself for what is left of the interval since the last packet.
 */
export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private left: number;
  private quietSince = Date.now();

  constructor(
    private readonly options: KeepaliveOptions,
    private readonly send: (frame: Buffer) => void,
    private readonly dead: () => void,
  ) {
    this.left = options.count;
  }

  start(): void {
    if (this.options.interval <= 0 || this.timer) return;
    this.quietSince = Date.now();
    this.arm(this.options.interval * 1000);
  }

  /** Call on every packet received. */
  seen(): void {
    this.left = this.options.count;
    this.quietSince = Date.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    const intervalMs = this.options.interval * 1000;
    const silent = Date.now() - this.quietSince;
    if (silent < intervalMs) {
      this.arm(intervalMs - silent);
      return;
    }
    if (this.left <= 0) {
      this.stop();
      this.dead();
      return;
    }
    this.left--;
    this.send(PING_FRAME);
    this.quietSince = Date.now();
    this.arm(intervalMs);
  }
}
