import { ErrorCode, ErrorDomain, VirtError, isVirtError, type Connection, type Domain, type Virt } from '@virtkit/core';
import { disconnectedLine, failedBeforeTheCall } from './failure.js';
import type { CliIo } from './output.js';

/** What a command produced: text as virsh would print it, and the same facts for --json. */
export interface CommandResult {
  text: string;
  json: unknown;
}

/**
 * The state one `virtkit` invocation carries across its ';'-separated
 * commands: the Virt instance, the current URI, and the open connections
 * (so one in-memory test host serves the whole sequence).
 */
export class CliSession {
  private readonly connections = new Map<string, Connection>();

  constructor(
    readonly virt: Virt,
    public uri: string,
    readonly io: CliIo,
    readonly json: boolean,
    public readonly_: boolean,
  ) {}

  async connection(uri = this.uri): Promise<Connection> {
    const key = `${this.readonly_ ? 'ro' : 'rw'} ${uri}`;
    let conn = this.connections.get(key);
    if (!conn || conn.isClosed()) {
      try {
        conn = await this.virt.connect(uri, { readonly: this.readonly_, auth: this.io.auth });
      } catch (e) {
        // virsh says so for its own connection; a migration's destination fails with the message alone.
        throw failedBeforeTheCall(e, uri === this.uri ? 'failed to connect to the hypervisor' : '');
      }
      this.connections.set(key, conn);
      this.watchDisconnect(key, conn);
    }
    return conn;
  }

  /**
   * As virsh: a connection that dies under a command (the daemon went away,
   * keepalive timeout) is reported with its reason, and the next command
   * connects again. Drivers without a transport have no close callback.
   */
  private watchDisconnect(key: string, conn: Connection): void {
    try {
      conn.registerCloseCallback(({ reason }) => {
        if (this.connections.get(key) === conn) this.connections.delete(key);
        this.io.err(`error: ${disconnectedLine(conn.uri, reason)}\n`);
      });
    } catch (e) {
      if (!isVirtError(e, ErrorCode.NO_SUPPORT)) throw e;
    }
  }

  /**
   * Resolves after close events already queued have been reported, so a
   * command failed by a lost connection prints virsh's "Disconnected" line
   * before its own error lines. (Close events are delivered on a later tick
   * than the failed call, and in the order queued.)
   */
  settled(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Looks a domain up by id, UUID or name; a miss reads "failed to get domain 'X'". */
  async domain(text: string): Promise<Domain> {
    const conn = await this.connection();
    try {
      return await conn.lookupDomain(text);
    } catch (e) {
      if (isVirtError(e, ErrorCode.NO_DOMAIN)) {
        throw failedBeforeTheCall(new VirtError({ code: ErrorCode.NO_DOMAIN, domain: ErrorDomain.NONE, message: `failed to get domain '${text}'`, cause: e }));
      }
      throw failedBeforeTheCall(e);
    }
  }

  emit(result: CommandResult): void {
    if (this.json) this.io.out(JSON.stringify(result.json, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
    else this.io.out(result.text);
  }
}
