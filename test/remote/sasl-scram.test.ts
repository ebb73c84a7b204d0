import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, ErrorDomain, isVirtError, silentLogger, type Clock } from '@virtkit/core';
import { SCRAM_SHA_256, ScramClient, ScramError, ScramServer, lookupAuthConfig, parseAuthConfig, scramVerifier, type ScramVerifier } from '@virtkit/remote';
import { AuthThrottle, ClientAuth, SaslServer, applyConf, defaultConfig, parseConfText, readSaslDb, setSaslPassword } from '@virtkit/remote/daemon';
import { rejected, thrown } from './helpers/expect-error.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** RFC 7677 §3: user "user", password "pencil". */
const RFC = {
  clientNonce: 'rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};
const rfcVerifier = (): ScramVerifier => scramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
const noUser = (): ScramVerifier => { throw new Error('no unknown users in this test'); };

/** A clock whose sleeps return at once and are recorded; time moves only by what was slept. */
function fakeClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    monotonic: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe('SCRAM-SHA-256 (RFC 5802/7677)', () => {
  it("produces RFC 7677's test vector as the client", () => {
    const c = new ScramClient('user', 'pencil', RFC.clientNonce);
    expect(text(c.first())).to.equal(RFC.clientFirst);
    expect(text(c.final(bytes(RFC.serverFirst)))).to.equal(RFC.clientFinal);
    c.verify(bytes(RFC.serverFinal));
  });

  it("produces RFC 7677's test vector as the server", () => {
    const s = new ScramServer((u) => (u === 'user' ? rfcVerifier() : undefined), noUser, RFC.serverNonce);
    expect(text(s.start(bytes(RFC.clientFirst)))).to.equal(RFC.serverFirst);
    const { serverFinal, user } = s.finish(bytes(RFC.clientFinal));
    expect(text(serverFinal)).to.equal(RFC.serverFinal);
    expect(user).to.equal('user');
  });

  it('refuses a server whose signature is wrong (it does not know the password)', () => {
    const c = new ScramClient('user', 'pencil', RFC.clientNonce);
    c.final(bytes(RFC.serverFirst));
    const forged = 'v=' + Buffer.alloc(32, 7).toString('base64');
    const e = thrown(() => c.verify(bytes(forged))) as ScramError;
    expect(e).to.be.instanceOf(ScramError);
    expect(e.message).to.match(/signature does not match/);
    expect(thrown(() => new ScramClient('user', 'pencil', RFC.clientNonce).verify(bytes(RFC.serverFinal)))).to.be.instanceOf(ScramError);
  });

  it('refuses a server-first message whose nonce does not extend the client nonce', () => {
    const c = new ScramClient('user', 'pencil', RFC.clientNonce);
    expect((thrown(() => c.final(bytes('r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'))) as Error).message).to.match(/nonce/);
    expect((thrown(() => new ScramClient('user', 'pencil').final(bytes('garbage'))) as Error).message).to.match(/attribute/);
  });

  it('rejects a wrong password and keeps the user name it was for', () => {
    const s = new ScramServer(() => rfcVerifier(), noUser, RFC.serverNonce);
    const c = new ScramClient('user', 'not-pencil', RFC.clientNonce);
    s.start(c.first());
    const e = thrown(() => s.finish(c.final(bytes(RFC.serverFirst)))) as ScramError;
    expect(e.kind).to.equal('rejected');
    expect(s.claimedUser).to.equal('user');
  });

  it('answers an unknown user with a made-up salt and fails at the proof', () => {
    const fake = scramVerifier('unguessable', Buffer.from('0123456789abcdef'), 4096);
    const s = new ScramServer(() => undefined, () => fake);
    const c = new ScramClient('nobody', 'pencil');
    const first = text(s.start(c.first()));
    expect(first).to.contain(`s=${fake.salt.toString('base64')}`);
    expect((thrown(() => s.finish(c.final(bytes(first)))) as ScramError).kind).to.equal('rejected');
  });

  it('escapes , and = in names (saslname)', () => {
    expect(text(new ScramClient('a,b=c', 'x', 'nonce').first())).to.equal('n,,n=a=2Cb=3Dc,r=nonce');
    const seen: string[] = [];
    const s = new ScramServer((u) => (seen.push(u), undefined), () => rfcVerifier());
    s.start(bytes('n,,n=a=2Cb=3Dc,r=nonce'));
    expect(seen).to.deep.equal(['a,b=c']);
  });

  for (const [what, message] of [
    ['empty data', ''],
    ['no GS2 header', 'n=user,r=abc'],
    ['channel binding asked for', 'p=tls-unique,,n=user,r=abc'],
    ['a bad escape', 'n,,n=us=41er,r=abc'],
    ['a mandatory extension', 'n,,m=ext,n=user,r=abc'],
    ['another authorization identity', 'n,a=root,n=user,r=abc'],
    ['a nonce with a comma', 'n,,n=user,r=a,b'],
    ['bytes that are not UTF-8', '\xff\xfe'],
  ] as const) {
    it(`refuses a client-first message with ${what}`, () => {
      const s = new ScramServer(() => rfcVerifier(), noUser);
      const data = what === 'bytes that are not UTF-8' ? Buffer.from([0xff, 0xfe, 0x2c]) : bytes(message);
      expect((thrown(() => s.start(data)) as ScramError).kind).to.equal('malformed');
    });
  }

  it('refuses a client-final message that changes the nonce, the binding or the proof length', () => {
    for (const final of [
      RFC.clientFinal.replace('r=rOpr', 'r=XOpr'),
      RFC.clientFinal.replace('c=biws', 'c=eSws'),
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AAAA',
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    ]) {
      const s = new ScramServer(() => rfcVerifier(), noUser, RFC.serverNonce);
      s.start(bytes(RFC.clientFirst));
      expect(thrown(() => s.finish(bytes(final))), final).to.be.instanceOf(ScramError);
    }
    const s = new ScramServer(() => rfcVerifier(), noUser, RFC.serverNonce);
    expect(thrown(() => s.finish(bytes(RFC.clientFinal))), 'a proof before the start').to.be.instanceOf(ScramError);
  });
});

describe("libvirt's auth.conf", () => {
  const conf = parseAuthConfig([
    '# comment',
    '[credentials-prod]',
    'authname=admin',
    'password=with\\sspace',
    '',
    '[credentials-other]',
    'authname = other',
    '[auth-libvirt-db1.example.com]',
    'credentials=prod',
    '[auth-libvirt-default]',
    'credentials=other',
    '[auth-libvirt-broken]',
    'credentials=missing',
  ].join('\n'), 'auth.conf');

  it('finds the host group, else the default group', () => {
    expect(lookupAuthConfig(conf, 'libvirt', 'db1.example.com', 'authname')).to.equal('admin');
    expect(lookupAuthConfig(conf, 'libvirt', 'db1.example.com', 'password')).to.equal('with space');
    expect(lookupAuthConfig(conf, 'libvirt', 'localhost', 'authname')).to.equal('other');
    expect(lookupAuthConfig(conf, 'libvirt', 'localhost', 'password')).to.equal(undefined);
  });

  it("names a missing credentials group as libvirt does", () => {
    const e = thrown(() => lookupAuthConfig(conf, 'libvirt', 'broken', 'authname'));
    expect(isVirtError(e, ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect((e as Error).message).to.equal("configuration file syntax error: Missing group 'credentials-missing' referenced from group 'auth-libvirt-broken' in 'auth.conf'");
  });
});

describe('failure throttle', () => {
  it('doubles the delay with each consecutive failure, up to the maximum, and forgets on success', async () => {
    const clock = fakeClock();
    const t = new AuthThrottle(clock, { baseDelayMs: 1000, maxDelayMs: 5000 });
    const fail = () => { throw new Error('wrong'); };
    for (let i = 0; i < 4; i++) await rejected(t.run('alice', fail));
    expect(clock.slept).to.deep.equal([1000, 2000, 4000, 5000]);
    expect(t.failures('alice')).to.equal(4);
    expect(t.failures('bob')).to.equal(0);
    expect(await t.run('alice', () => 'ok')).to.equal('ok');
    expect(t.failures('alice')).to.equal(0);
    await rejected(t.run('alice', fail));
    expect(clock.slept.at(-1)).to.equal(1000);
  });

  it('runs attempts for one key one after another, each waiting for the penalty before it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let t0 = 0;
    const clock: Clock = { now: () => t0, monotonic: () => t0, sleep: async (ms) => { await gate; t0 += ms; } };
    const t = new AuthThrottle(clock);
    const order: string[] = [];
    const first = rejected(t.run('alice', () => { order.push('first'); throw new Error('wrong'); }));
    const second = t.run('alice', () => { order.push('second'); return 'ok'; });
    const other = t.run('bob', () => { order.push('bob'); return 'ok'; });
    expect(await other).to.equal('ok');
    expect(order).to.deep.equal(['first', 'bob']);
    release();
    await first;
    expect(await second).to.equal('ok');
    expect(order).to.deep.equal(['first', 'bob', 'second']);
  });
});

describe('virtkitd SASL: sasl_db and one client authentication', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sasl-'));
    db = path.join(dir, 'passwd.db');
    await setSaslPassword(db, 'alice', 'wonderland', 4096);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('stores only a salted verifier, mode 0600', async () => {
    const content = await readFile(db, 'utf8');
    expect(content).to.match(/^alice:SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/m);
    expect(content).not.to.contain('wonderland');
    expect((await stat(db)).mode & 0o777).to.equal(0o600);
    const v = (await readSaslDb(db)).get('alice')!;
    expect(v.storedKey.equals(scramVerifier('wonderland', v.salt, 4096).storedKey)).to.equal(true);
  });

  /** One whole exchange through ClientAuth, as the dispatcher drives it. */
  async function exchange(auth: ClientAuth, user: string, password: string): Promise<void> {
    const { mechlist } = await auth.init();
    expect(mechlist).to.equal(SCRAM_SHA_256);
    const c = new ScramClient(user, password);
    const start = await auth.start({ mech: SCRAM_SHA_256, nil: 0, data: c.first() });
    expect(start.complete).to.equal(0);
    const step = await auth.step({ nil: 0, data: c.final(start.data) });
    expect(step.complete).to.equal(1);
    c.verify(step.data);
  }

  const authFailed = (e: unknown) => {
    expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
    expect((e as { domain: number }).domain).to.equal(ErrorDomain.RPC);
    expect((e as Error).message).to.equal('authentication failed: authentication failed');
  };

  it('authenticates, after which the client needs no more authentication', async () => {
    const auth = new ClientAuth('sasl', true, 'test', new SaslServer(db, fakeClock(), silentLogger));
    expect(auth.required).to.equal(true);
    expect(auth.list()).to.deep.equal([1]);
    await exchange(auth, 'alice', 'wonderland');
    expect(auth.required).to.equal(false);
    expect(auth.identity).to.equal('alice');
    expect(auth.list()).to.deep.equal([0]);
    authFailed(await rejected(auth.init()));
  });

  it('refuses a wrong password, slower each time, and still accepts the right one afterwards', async () => {
    const clock = fakeClock();
    const sasl = new SaslServer(db, clock, silentLogger);
    const auth = new ClientAuth('sasl', true, 'test', sasl);
    for (let i = 0; i < 3; i++) authFailed(await rejected(exchange(auth, 'alice', 'guess')));
    expect(clock.slept).to.deep.equal([1000, 2000, 4000]);
    expect(sasl.throttle.failures('alice')).to.equal(3);
    expect(auth.required).to.equal(true);
    await exchange(auth, 'alice', 'wonderland');
    expect(sasl.throttle.failures('alice')).to.equal(0);
  });

  it('refuses garbage and exchanges out of order, counting them against the peer', async () => {
    const clock = fakeClock();
    const sasl = new SaslServer(db, clock, silentLogger);
    const auth = new ClientAuth('sasl', true, 'peer-1', sasl);
    authFailed(await rejected(auth.start({ mech: SCRAM_SHA_256, nil: 0, data: bytes('n,,n=alice,r=x') })));
    authFailed(await rejected(auth.step({ nil: 0, data: bytes('c=biws') })));
    await auth.init();
    authFailed(await rejected(auth.start({ mech: 'DIGEST-MD5', nil: 0, data: bytes('') })));
    await auth.init();
    authFailed(await rejected(auth.start({ mech: SCRAM_SHA_256, nil: 0, data: Buffer.from([0, 1, 2, 255]) })));
    await auth.init();
    authFailed(await rejected(auth.start({ mech: SCRAM_SHA_256, nil: 0, data: bytes('y,,n=alice,r=ok,x') })));
    expect(clock.slept).to.deep.equal([1000, 2000]);
    await exchange(auth, 'alice', 'wonderland');
  });

  it('takes the client-first message in the first STEP when START carried no data (nil)', async () => {
    const auth = new ClientAuth('sasl', true, 'test', new SaslServer(db, fakeClock(), silentLogger));
    await auth.init();
    const start = await auth.start({ mech: SCRAM_SHA_256, nil: 1, data: new Uint8Array(0) });
    expect(start).to.deep.include({ complete: 0, nil: 0 });
    expect(start.data.length).to.equal(0);
    const c = new ScramClient('alice', 'wonderland');
    const first = await auth.step({ nil: 0, data: c.first() });
    const final = await auth.step({ nil: 0, data: c.final(first.data) });
    expect(final.complete).to.equal(1);
    c.verify(final.data);
  });

  it('offers no mechanism on plain TCP: SCRAM has no security layer (SSF 0)', async () => {
    const auth = new ClientAuth('sasl', false, '127.0.0.1:5555', new SaslServer(db, fakeClock(), silentLogger));
    authFailed(await rejected(auth.init()));
    expect(auth.required).to.equal(true);
  });

  it('refuses SASL on a listener without it', async () => {
    const auth = new ClientAuth('none', true, 'test', new SaslServer(db, fakeClock(), silentLogger));
    expect(auth.list()).to.deep.equal([0]);
    authFailed(await rejected(auth.init()));
  });
});

describe('virtkitd config: auth schemes and sasl_db', () => {
  it('reads auth_unix_rw, auth_unix_ro, auth_tcp and sasl_db', () => {
    const c = applyConf(defaultConfig(), parseConfText('auth_unix_rw = "sasl"\nauth_unix_ro = "none"\nauth_tcp = "sasl"\nsasl_db = "/x/passwd.db"\n'));
    expect([c.authUnixRw, c.authUnixRo, c.authTcp, c.saslDb]).to.deep.equal(['sasl', 'none', 'sasl', '/x/passwd.db']);
    const d = defaultConfig();
    expect([d.authUnixRw, d.authUnixRo, d.authTcp, d.authTls, d.saslDb]).to.deep.equal(['none', 'none', 'sasl', 'none', undefined]);
  });

  it('refuses schemes it does not have', () => {
    const e = thrown(() => applyConf(defaultConfig(), parseConfText('auth_unix_rw = "polkit"\n'), 'virtkitd.conf'));
    expect(isVirtError(e, ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect((e as Error).message).to.contain('auth_unix_rw must be "none" or "sasl"');
  });
});
