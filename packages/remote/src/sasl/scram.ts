import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash), both roles, over the
 * SASL exchange libvirt carries in AUTH_SASL_START/STEP:
 *
 *   client-first  n,,n=USER,r=CNONCE                       (START data)
 *   server-first  r=CNONCE+SNONCE,s=SALT,i=ITERATIONS      (START reply)
 *   client-final  c=biws,r=CNONCE+SNONCE,p=PROOF           (STEP data)
 *   server-final  v=SERVER-SIGNATURE                       (STEP reply, complete)
 *
 * Channel binding is not offered (no -PLUS mechanism): the GS2 flag is
 * "n" (or "y" from a client that could bind), authorization identities
 * other than the authenticated user are refused. SCRAM gives no security
 * layer (SSF 0): it is only for channels TLS or a local socket protect.
 */
export const SCRAM_SHA_256 = 'SCRAM-SHA-256';

/** RFC 7677's minimum; also virtkitd's default for new verifiers is above it. */
export const SCRAM_MIN_ITERATIONS = 4096;
/** Iterations a client accepts at most (a server cannot make the client spin for minutes). */
export const SCRAM_MAX_ITERATIONS = 10_000_000;

/** What a server keeps per user (RFC 5802 §3): never the password. */
export interface ScramVerifier {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** A SCRAM exchange that cannot go on: malformed input, a wrong proof or signature. */
export class ScramError extends Error {
  constructor(message: string, readonly kind: 'malformed' | 'rejected') {
    super(message);
  }
}

const malformed = (why: string) => new ScramError(why, 'malformed');

const hmac = (key: Buffer, text: string | Buffer) => createHmac('sha256', key).update(text).digest();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** Characters SASLprep (RFC 4013) maps to nothing, and the non-ASCII spaces it maps to U+0020. */
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** SASLprep's mapping and NFKC normalization; ASCII text is unchanged. */
export function saslPrep(text: string): string {
  const out = text.replace(MAPPED_TO_NOTHING, '').replace(NON_ASCII_SPACE, ' ').normalize('NFKC');
  if (/[\u0000-\u001F\u007F]/.test(out)) throw malformed('control characters are not allowed in a SCRAM name or password');
  return out;
}

/** SaltedPassword = Hi(password, salt, i), and the keys derived from it. */
export function scramVerifier(password: string, salt: Buffer, iterations: number): ScramVerifier & { clientKey: Buffer } {
  const salted = pbkdf2Sync(Buffer.from(saslPrep(password), 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { iterations, salt, clientKey, storedKey: sha256(clientKey), serverKey: hmac(salted, 'Server Key') };
}

/** A fresh nonce: printable, without ','. */
function newNonce(): string {
  return randomBytes(24).toString('base64');
}

/** saslname: ',' and '=' travel as =2C and =3D. */
function encodeName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}
function decodeName(text: string): string {
  if (/=(?!2C|3D)/.test(text)) throw malformed('bad escape in a SCRAM name');
  return text.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** Splits "k=v,k=v" into attributes in order; every part must be one letter, '=', a value. */
function attributes(text: string): Array<[string, string]> {
  return text.split(',').map((part) => {
    const m = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!m) throw malformed(`bad SCRAM attribute '${part.slice(0, 40)}'`);
    return [m[1], m[2]];
  });
}

function expect(attrs: Array<[string, string]>, index: number, key: string): string {
  const a = attrs[index];
  if (!a || a[0] !== key) throw malformed(`expected the SCRAM attribute '${key}'`);
  return a[1];
}

function base64(text: string, what: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw malformed(`${what} is not base64`);
  return Buffer.from(text, 'base64');
}

const NONCE = /^[\x21-\x2B\x2D-\x7E]+$/;

function utf8(data: Uint8Array, what: string): string {
  const text = Buffer.from(data).toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(Buffer.from(data))) throw malformed(`${what} is not UTF-8`);
  return text;
}

/** The client's side: first() → START data, final(server-first) → STEP data, verify(server-final). */
export class ScramClient {
  private readonly nonce: string;
  private readonly firstBare: string;
  private authMessage: string | undefined;
  private serverKey: Buffer | undefined;

  constructor(private readonly authname: string, private readonly password: string, nonce = newNonce()) {
    if (!NONCE.test(nonce)) throw malformed('bad client nonce');
    this.nonce = nonce;
    this.firstBare = `n=${encodeName(saslPrep(authname))},r=${nonce}`;
  }

  first(): Buffer {
    return Buffer.from(`n,,${this.firstBare}`, 'utf8');
  }

  final(serverFirst: Uint8Array): Buffer {
    const text = utf8(serverFirst, 'the server-first message');
    const attrs = attributes(text);
    if (attrs[0]?.[0] === 'm') throw malformed('the server requires a SCRAM extension');
    const nonce = expect(attrs, 0, 'r');
    const salt = base64(expect(attrs, 1, 's'), 'the salt');
    const iterText = expect(attrs, 2, 'i');
    const iterations = Number(iterText);
    if (!nonce.startsWith(this.nonce) || nonce.length === this.nonce.length || !NONCE.test(nonce)) throw malformed("the server's nonce does not extend ours");
    if (!/^[1-9]\d*$/.test(iterText) || iterations > SCRAM_MAX_ITERATIONS) throw malformed(`bad iteration count '${iterText}'`);
    if (salt.length === 0) throw malformed('an empty salt');
    const keys = scramVerifier(this.password, salt, iterations);
    const withoutProof = `c=biws,r=${nonce}`;
    this.authMessage = `${this.firstBare},${text},${withoutProof}`;
    this.serverKey = keys.serverKey;
    const proof = xor(keys.clientKey, hmac(keys.storedKey, this.authMessage));
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Checks the server-final message: a server that does not know the password cannot produce it. */
  verify(serverFinal: Uint8Array): void {
    if (!this.authMessage || !this.serverKey) throw malformed('the server finished before the client proved anything');
    const attrs = attributes(utf8(serverFinal, 'the server-final message'));
    if (attrs[0]?.[0] === 'e') throw new ScramError(`the server refused: ${attrs[0][1]}`, 'rejected');
    const signature = base64(expect(attrs, 0, 'v'), 'the server signature');
    const want = hmac(this.serverKey, this.authMessage);
    if (signature.length !== want.length || !timingSafeEqual(signature, want)) {
      throw new ScramError("the server's signature does not match: it does not know the password", 'rejected');
    }
  }
}

/**
 * The server's side: start(client-first) → server-first, finish(client-final)
 * → server-final. A user without a verifier gets a made-up salt (stable
 * per name) and fails at the proof, so the exchange does not tell whether
 * the user exists.
 */
export class ScramServer {
  private state: 'start' | 'final' | 'done' = 'start';
  private user: string | undefined;
  private verifier: ScramVerifier | undefined;
  private gs2Header = '';
  private nonce = '';
  private authPrefix = '';

  constructor(
    private readonly lookup: (user: string) => ScramVerifier | undefined,
    private readonly unknownUser: (user: string) => ScramVerifier,
    private readonly serverNonce = newNonce(),
  ) {}

  /** The name the client claims, once start() has read it. */
  get claimedUser(): string | undefined {
    return this.user;
  }

  start(clientFirst: Uint8Array): Buffer {
    if (this.state !== 'start') throw malformed('the SCRAM exchange was already started');
    this.state = 'done';
    const text = utf8(clientFirst, 'the client-first message');
    const m = /^(n|y|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(text);
    if (!m) throw malformed('bad GS2 header');
    if (m[1].startsWith('p=')) throw malformed('channel binding is not offered');
    const attrs = attributes(m[3]);
    if (attrs[0]?.[0] === 'm') throw malformed('unsupported SCRAM extension');
    const user = saslPrep(decodeName(expect(attrs, 0, 'n')));
    const clientNonce = expect(attrs, 1, 'r');
    if (user === '') throw malformed('an empty user name');
    if (!NONCE.test(clientNonce)) throw malformed('bad client nonce');
    if (m[2] !== undefined && decodeName(m[2].slice(2)) !== user) throw malformed('authorization as another identity is not supported');
    this.user = user;
    this.verifier = this.lookup(user) ?? this.unknownUser(user);
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.nonce = clientNonce + this.serverNonce;
    const serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    this.authPrefix = `${m[3]},${serverFirst}`;
    this.state = 'final';
    return Buffer.from(serverFirst, 'utf8');
  }

  /** Checks the proof; returns the server-final message and the authenticated user. */
  finish(clientFinal: Uint8Array): { serverFinal: Buffer; user: string } {
    if (this.state !== 'final' || !this.verifier || !this.user) throw malformed('the SCRAM exchange is not waiting for a proof');
    this.state = 'done';
    const text = utf8(clientFinal, 'the client-final message');
    const cut = text.lastIndexOf(',p=');
    if (cut < 0) throw malformed('no proof');
    const withoutProof = text.slice(0, cut);
    const attrs = attributes(withoutProof);
    const binding = base64(expect(attrs, 0, 'c'), 'the channel binding');
    if (binding.toString('utf8') !== this.gs2Header) throw malformed('the channel binding does not repeat the GS2 header');
    if (expect(attrs, 1, 'r') !== this.nonce) throw malformed('the nonce changed');
    const proof = base64(text.slice(cut + 3), 'the proof');
    const authMessage = `${this.authPrefix},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) throw malformed('a proof of the wrong length');
    const stored = sha256(xor(proof, signature));
    if (!timingSafeEqual(stored, this.verifier.storedKey)) throw new ScramError(`wrong password for '${this.user}'`, 'rejected');
    return { serverFinal: Buffer.from(`v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`, 'utf8'), user: this.user };
  }
}
