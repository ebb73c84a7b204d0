import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, isVirtError, type Virt } from '@virtkit/core';
import { XendEmulator } from '@virtkit/xend-emulator';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);
const CLIENTS = 20;

interface DriverCase {
  driver: string;
  /** The URI a client of daemon `d` opens. */
  uri(d: Virtkitd): string;
  xml(name: string, uuid: string): string;
  /** The definitions the host stores, by UUID, when it keeps them outside the daemon (KVM's files); undefined for in-memory hosts. */
  stored?(): Promise<string[]>;
  /** Whether the host's definitions outlive the daemon. */
  persistent: boolean;
}

/**
 * 20 clients define one name at once, each with its own UUID, over the
 * wire of one virtkitd: exactly one succeeds, the others fail with
 * OPERATION_FAILED "already exists"; the host keeps one definition, also
 * after the daemon restarts. The same with 20 concurrent virsh processes.
 */
describe('20 concurrent defines of one name over the wire (virtkitd serving test, qemu:///session and xen)', function () {
  this.timeout(120000);
  let tmp: string;
  let xend: XendEmulator;
  let daemon: Virtkitd;
  let virt: Virt;
  const env = () => ({ XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_RUNTIME_DIR: path.join(tmp, 'run') });
  const start = () => startVirtkitd('', { env: env(), verbose: false });

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-race-'));
    xend = await XendEmulator.start({ httpPort: 0, hostname: 'xen-race' });
    daemon = await start();
    virt = await remoteVirt();
  });
  after(async () => {
    await virt?.dispose();
    await daemon?.stop();
    await xend?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  const cases: DriverCase[] = [
    {
      driver: 'test',
      uri: (d) => d.uri('/race', 'empty=1'),
      xml: (name, uuid) => `<domain type='test'><name>${name}</name><uuid>${uuid}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`,
      persistent: false,
    },
    {
      driver: 'qemu',
      uri: (d) => `qemu+unix:///session?socket=${d.socket}`,
      xml: (name, uuid) => `<domain type='qemu'><name>${name}</name><uuid>${uuid}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
      stored: async () => (await readdir(path.join(tmp, 'config', 'virtkit', 'qemu'))).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4)),
      persistent: true,
    },
    {
      driver: 'xen',
      uri: (d) => `xen+unix:///system?socket=${d.socket}&xend=${xend.httpUrl}&relocation_port=${xend.relocationPort}`,
      xml: (name, uuid) => `<domain type='xen'><name>${name}</name><uuid>${uuid}</uuid><memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel></os></domain>`,
      persistent: true,
    },
  ];

  /** The [name, uuid] of every domain called `name` on the host. */
  const named = async (uri: string, name: string) => (await (await virt.connect(uri)).listAllDomains()).filter((d) => d.name === name).map((d) => [d.name, d.uuid]);

  for (const c of cases) {
    const kept = c.persistent ? 'one definition, also after the daemon restarts' : 'one domain (an in-memory host does not outlive the daemon)';
    it(`${c.driver}: exactly one of ${CLIENTS} clients defines the name, the others get OPERATION_FAILED "already exists"; ${kept}`, async () => {
      const name = `race-${c.driver}`;
      const uuids = Array.from({ length: CLIENTS }, () => randomUUID());
      const conns = await Promise.all(uuids.map(() => virt.connect(c.uri(daemon))));
      const results = await Promise.allSettled(conns.map((conn, i) => conn.defineDomain(c.xml(name, uuids[i]))));
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.uuid] : []));
      expect(won, 'defines that succeeded').to.have.length(1);
      const winner = won[0];
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        const e = (r as PromiseRejectedResult).reason as Error;
        expect(isVirtError(e, ErrorCode.OPERATION_FAILED), String(e)).to.equal(true);
        expect(e.message).to.contain('already exists');
      }
      await Promise.all(conns.map((conn) => conn.close()));
      expect(await named(c.uri(daemon), name)).to.deep.equal([[name, winner]]);
      if (c.stored) expect(await c.stored()).to.deep.equal([winner]);
      if (!c.persistent) return;
      await daemon.stop();
      daemon = await start();
      expect(await named(c.uri(daemon), name)).to.deep.equal([[name, winner]]);
    });

    it(`${c.driver}: exactly one of ${CLIENTS} concurrent virsh define processes succeeds`, async () => {
      const name = `virsh-race-${c.driver}`;
      const files = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
        const file = path.join(tmp, `${name}-${i}.xml`);
        await writeFile(file, c.xml(name, randomUUID()));
        return file;
      }));
      const storedBefore = (await c.stored?.())?.length;
      const runs = await Promise.allSettled(files.map((f) => run('virsh', ['-c', c.uri(daemon), 'define', f], { timeout: 60000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })));
      const ok = runs.filter((r) => r.status === 'fulfilled');
      expect(ok, 'virsh define runs that succeeded').to.have.length(1);
      for (const r of runs) {
        if (r.status === 'rejected') expect((r.reason as { stderr: string }).stderr).to.contain('already exists');
      }
      expect(await named(c.uri(daemon), name)).to.have.length(1);
      if (c.stored) expect(await c.stored()).to.have.length(storedBefore! + 1);
    });
  }
});
