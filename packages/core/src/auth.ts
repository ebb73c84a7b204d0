/**
 * Credentials a driver asks the application for while it opens a
 * connection (libvirt's virConnectAuth): the driver lists what it needs,
 * the callback fills in `result`. Only remote connections that
 * authenticate (SASL) ask; local drivers never call it.
 */

/** virConnectCredentialType: libvirt's numbers. @since 1.0 */
export enum CredentialType {
  USERNAME = 1,
  /** The name to authenticate as (SASL's authentication id). */
  AUTHNAME = 2,
  LANGUAGE = 3,
  CNONCE = 4,
  /** A secret: show no echo when prompting for it. */
  PASSPHRASE = 5,
  ECHOPROMPT = 6,
  NOECHOPROMPT = 7,
  REALM = 8,
  EXTERNAL = 9,
}

/** One credential asked for (virConnectCredential). @since 1.0 */
export interface ConnectCredential {
  readonly type: CredentialType;
  /** Text to show the user, without a trailing colon ("Please enter your password"). */
  readonly prompt: string;
  readonly challenge?: string;
  /** What to use when the user gives nothing. */
  readonly defresult?: string;
  /** Set by the callback. A credential left unset fails the open with AUTH_FAILED. */
  result?: string;
}

/**
 * Fills `result` of every credential (virConnectAuthCallbackPtr). Throwing
 * or rejecting fails the open with AUTH_FAILED "Failed to collect auth
 * credentials". @since 1.0
 */
export type ConnectAuthCallback = (credentials: ConnectCredential[]) => void | Promise<void>;
