import { CredentialType, ErrorCode, isVirtError, type ConnectAuthCallback, type ConnectCredential, type Logger } from '@virtkit/core';
import { remoteFail } from '../errors.js';
import { AuthType } from '../protocol/constants.js';
import { SCRAM_SHA_256, ScramClient } from '../sasl/scram.js';
import type { RpcClient } from '../client/rpc-client.js';
import { authConfigPath, lookupAuthConfig, readAuthConfig } from './auth-config.js';

export interface RemoteAuthOptions {
  /**
   * TLS, a local socket or SSH protects the channel (libvirt's is_secure).
   * SCRAM-SHA-256 has no security layer, so it is used only then.
   */
  secure: boolean;
  /** The URI's host for auth.conf ("localhost" without one). */
  host: string;
  /** The URI's `auth=` parameter: "sasl", "sasl.MECH" or "polkit". */
  authType?: string;
  callback?: ConnectAuthCallback;
  /** Where LIBVIRT_AUTH_FILE, XDG_CONFIG_HOME and HOME are read. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

const authFail = (message: string) => remoteFail(ErrorCode.AUTH_FAILED, message);

/**
 * libvirt's remoteAuthenticate: AUTH_LIST, then the scheme the server
 * lists first (or the one `auth=` asks for). A server without AUTH_LIST
 * (NO_SUPPORT) needs none.
 */
export async function remoteAuthenticate(rpc: RpcClient, o: RemoteAuthOptions): Promise<void> {
  let types: number[];
  try {
    ({ types } = await rpc.call('AUTH_LIST', undefined));
  } catch (e) {
    if (isVirtError(e, ErrorCode.NO_SUPPORT)) return;
    throw e;
  }
  if (types.length === 0) return;
  let type = types[0];
  let mech: string | undefined;
  if (o.authType !== undefined) {
    const want = /^sasl(\.|$)/i.test(o.authType) ? AuthType.SASL : o.authType.toLowerCase() === 'polkit' ? AuthType.POLKIT : undefined;
    if (want === undefined) throw authFail(`unknown authentication type ${o.authType}`);
    if (!types.includes(want)) throw authFail(`requested authentication type ${o.authType} rejected`);
    type = want;
    if (/^sasl\./i.test(o.authType)) mech = o.authType.slice(5);
  }
  if (type === AuthType.NONE) return;
  if (type === AuthType.SASL) return authenticateSasl(rpc, o, mech);
  throw authFail(`unsupported authentication type ${type}`);
}

/**
 * libvirt's remoteAuthSASL with SCRAM-SHA-256, the one mechanism here:
 * SASL_INIT lists the server's mechanisms, START carries the chosen one and
 * the client-first message, STEP the proof. The client always checks the
 * server's final message (its signature) before it counts as done, even
 * when the server says complete.
 */
async function authenticateSasl(rpc: RpcClient, o: RemoteAuthOptions, wantMech: string | undefined): Promise<void> {
  const { mechlist } = await rpc.call('AUTH_SASL_INIT', undefined);
  let offered = mechlist.split(/[\s,]+/).filter((m) => m !== '');
  if (wantMech !== undefined) {
    if (!mechlist.includes(wantMech)) throw authFail(`SASL mechanism ${wantMech} not supported by server`);
    offered = [wantMech];
  }
  // As libvirt's client on a channel that is not secure (min SSF 56): a mechanism without a security layer is not worthy.
  if (!o.secure || !offered.some((m) => m.toUpperCase() === SCRAM_SHA_256)) {
    throw authFail('Failed to start SASL negotiation: -4 (SASL(-4): no mechanism available: No worthy mechs found)');
  }
  const { authname, password } = await credentials(o);
  const scram = stepping(() => new ScramClient(authname, password));
  const start = await rpc.call('AUTH_SASL_START', { mech: SCRAM_SHA_256, nil: 0, data: scram.first() });
  if (start.complete || start.nil) throw stepFailed('the server skipped the SCRAM challenge');
  const final = stepping(() => scram.final(start.data));
  let reply = await rpc.call('AUTH_SASL_STEP', { nil: 0, data: final });
  if (reply.nil) throw stepFailed('the server sent no final SCRAM message');
  stepping(() => scram.verify(reply.data));
  if (!reply.complete) {
    // A server without SASL's success data sends its signature as a challenge and wants an empty answer.
    reply = await rpc.call('AUTH_SASL_STEP', { nil: 0, data: new Uint8Array(0) });
    if (!reply.complete) throw stepFailed('the server wants more than SCRAM-SHA-256 has to say');
  }
  o.logger.debug('SASL authentication complete', { mech: SCRAM_SHA_256, authname });
}

const stepFailed = (why: string) => authFail(`Failed to step SASL negotiation: -13 (SASL(-13): authentication failure: ${why})`);

function stepping<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw stepFailed((e as Error).message);
  }
}

/**
 * SCRAM's two credentials, as libvirt's remoteAuthInteract gathers them:
 * auth.conf first (authname, password for the URI's host), then the
 * callback for what is still missing.
 */
async function credentials(o: RemoteAuthOptions): Promise<{ authname: string; password: string }> {
  const file = authConfigPath(o.env);
  const config = file !== undefined ? readAuthConfig(file) : undefined;
  const fromFile = (name: string) => (config ? lookupAuthConfig(config, 'libvirt', o.host, name) : undefined);
  let authname = fromFile('authname');
  let password = fromFile('password');
  const asked: ConnectCredential[] = [];
  if (authname === undefined) asked.push({ type: CredentialType.AUTHNAME, prompt: 'Please enter your authentication name' });
  if (password === undefined) asked.push({ type: CredentialType.PASSPHRASE, prompt: 'Please enter your password' });
  if (asked.length > 0) {
    if (!o.callback) throw authFail('No authentication callback available');
    try {
      await o.callback(asked);
    } catch (e) {
      throw remoteFail(ErrorCode.AUTH_FAILED, 'Failed to collect auth credentials', e);
    }
    for (const c of asked) {
      const value = c.result ?? c.defresult;
      if (value === undefined) throw authFail('Failed to collect auth credentials');
      if (c.type === CredentialType.AUTHNAME) authname = value;
      else password = value;
    }
  }
  return { authname: authname!, password: password! };
}
