import { createHmac, randomBytes } from 'node:crypto';
import { ErrorCode, type Clock, type Logger } from '@virtkit/core';
import { rpcFail } from '../../errors.js';
import { AuthType } from '../../protocol/constants.js';
import { SCRAM_SHA_256, ScramError, ScramServer, type ScramVerifier } from '../../sasl/scram.js';
import { AuthThrottle, type AuthThrottleOptions } from './auth-throttle.js';
import type { AuthScheme } from '../listen-config.js';
import { SASL_DB_ITERATIONS, readSaslDb } from './sasl-db.js';

/** AUTH_SASL_START/STEP's reply: `nil` 1 is "no data", which SASL tells apart from "". */
export interface SaslReply { complete: number; nil: number; data: Uint8Array }

/** libvirtd's one answer to every SASL failure, whatever the cause (remoteDispatchAuthSasl*). */
const authFailed = () => rpcFail(ErrorCode.AUTH_FAILED, 'authentication failed');

/**
 * The daemon's SASL side, shared by its clients: the user database
 * (`sasl_db`, read at each exchange so `virtkitd sasl-passwd` takes effect
 * at once) and the failure throttle.
 */
export class SaslServer {
  readonly throttle: AuthThrottle;
  /** Keys the made-up verifiers of unknown users; new at each start. */
  private readonly secret = randomBytes(32);

  constructor(private readonly dbPath: string | undefined, clock: Clock, readonly logger: Logger, throttle?: AuthThrottleOptions) {
    this.throttle = new AuthThrottle(clock, throttle);
  }

  /**
   * Mechanisms offered on a channel. SCRAM-SHA-256 has no security layer
   * (SSF 0); as libvirtd (tcp_min_ssf 56 on a channel that TLS or a local
   * socket does not protect), it is not offered on plain TCP, which leaves
   * no mechanism there.
   */
  mechanisms(secure: boolean): string[] {
    return secure ? [SCRAM_SHA_256] : [];
  }

  async verifiers(): Promise<Map<string, ScramVerifier>> {
    if (!this.dbPath) throw new ScramError('no sasl_db is configured', 'rejected');
    return readSaslDb(this.dbPath);
  }

  /** A verifier no password matches, with a salt stable per name (so probing names learns nothing). */
  unknownUser(user: string): ScramVerifier {
    const derive = (label: string) => createHmac('sha256', this.secret).update(`${label}\0${user}`).digest();
    return { iterations: SASL_DB_ITERATIONS, salt: derive('salt').subarray(0, 16), storedKey: derive('stored'), serverKey: derive('server') };
  }
}

/**
 * One client's authentication, as libvirtd keeps it per client: the
 * listener's scheme (which becomes "none" once SASL succeeds), the SASL
 * session in progress and the identity it proved. Every failure ends the
 * session with "authentication failed"; the client may start again.
 */
export class ClientAuth {
  private session: ScramServer | undefined;
  /** START came without data: the client-first message comes in the first STEP. */
  private awaitingFirst = false;
  private scheme: AuthScheme;
  identity: string | undefined;

  constructor(scheme: AuthScheme, private readonly secure: boolean, private readonly peer: string, private readonly sasl: SaslServer | undefined) {
    this.scheme = scheme;
  }

  /** Whether calls other than the AUTH_* ones are refused ("authentication required"). */
  get required(): boolean {
    return this.scheme !== 'none';
  }

  list(): number[] {
    return [this.scheme === 'sasl' ? AuthType.SASL : AuthType.NONE];
  }

  async init(): Promise<{ mechlist: string }> {
    const sasl = this.sasl;
    if (this.scheme !== 'sasl' || !sasl || this.session) return this.refuse('client tried invalid SASL init request');
    const mechs = sasl.mechanisms(this.secure);
    if (mechs.length === 0) return this.refuse('no SASL mechanism with a security layer: plain TCP needs TLS for SCRAM-SHA-256');
    let db: Map<string, ScramVerifier>;
    try {
      db = await sasl.verifiers();
    } catch (e) {
      return this.refuse(`cannot read the SASL database: ${(e as Error).message}`);
    }
    this.session = new ScramServer((u) => db.get(u), (u) => sasl.unknownUser(u));
    this.awaitingFirst = false;
    return { mechlist: mechs.join(',') };
  }

  async start(a: { mech: string; nil: number; data: Uint8Array }): Promise<SaslReply> {
    const session = this.session;
    if (this.scheme !== 'sasl' || !session || !this.sasl) return this.refuse('client tried invalid SASL start request');
    if (!this.sasl.mechanisms(this.secure).some((m) => m.toUpperCase() === a.mech.toUpperCase())) return this.refuse(`mechanism '${a.mech}' is not offered`);
    if (a.nil) {
      this.awaitingFirst = true;
      return { complete: 0, nil: 0, data: new Uint8Array(0) };
    }
    return this.first(session, a.data);
  }

  async step(a: { nil: number; data: Uint8Array }): Promise<SaslReply> {
    const session = this.session;
    if (this.scheme !== 'sasl' || !session || !this.sasl) return this.refuse('client tried invalid SASL step request');
    if (a.nil) return this.refuse('a SASL step without data');
    if (this.awaitingFirst) {
      this.awaitingFirst = false;
      return this.first(session, a.data);
    }
    const user = session.claimedUser ?? this.peer;
    try {
      const { serverFinal } = await this.sasl.throttle.run(user, () => session.finish(a.data));
      this.session = undefined;
      this.scheme = 'none';
      this.identity = user;
      this.sasl.logger.info('SASL authentication succeeded', { peer: this.peer, user });
      return { complete: 1, nil: 0, data: serverFinal };
    } catch (e) {
      return this.refuse((e as Error).message, user);
    }
  }

  /** client-first → server-first; garbage is counted against the peer. */
  private async first(session: ScramServer, data: Uint8Array): Promise<SaslReply> {
    try {
      const serverFirst = await this.sasl!.throttle.run(`peer ${this.peer}`, () => session.start(data));
      return { complete: 0, nil: 0, data: serverFirst };
    } catch (e) {
      return this.refuse((e as Error).message);
    }
  }

  private refuse(reason: string, user?: string): never {
    this.session = undefined;
    this.awaitingFirst = false;
    const failures = user && this.sasl ? this.sasl.throttle.failures(user) : undefined;
    this.sasl?.logger.warn('SASL authentication failed', { peer: this.peer, user, reason, failures });
    throw authFailed();
  }
}
