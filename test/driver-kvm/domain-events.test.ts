import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  DomainEventId, DomainState, IoErrorAction, JobOperation, ListDomainsFlags, MigrateFlags, PausedReason,
  type Connection, type PublicDomainEvent, type Virt,
} from '@virtkit/core';
import { spawn } from 'node:child_process';
import { embedUri, eventually, guestXml, makeRoot, makeVirt, readCounter, waitForCounter } from './support/hosts.js';
import { spawnVirtkitd, stopVirtkitd } from './support/virtkitd.js';

const run = promisify(execFile);
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
const PORTS = { min: 49690, max: 49699 };

/** Fills the file system at `dir` until it refuses another byte (ENOSPC). */
async function fill(dir: string): Promise<void> {
  const fh = await fs.open(path.join(dir, 'filler'), 'w');
  try {
    const chunk = Buffer.alloc(4096, 1);
    for (;;) await fh.write(chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    await fh.close();
  }
}

describe('driver-kvm domain events from QEMU (real QEMU)', function () {
  this.timeout(180_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  const events: PublicDomainEvent[] = [];

  before(async () => {
    root = await makeRoot('vkev');
    virt = await makeVirt({ shutdownTimeoutMs: 1500, migrationPorts: PORTS });
    conn = await virt.connect(embedUri(root));
    conn.onDomainEvent((e) => events.push(e));
  });

  after(async () => {
    for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A small tmpfs of the test's own at `mnt`, full but for a sparse 16 MiB image in it; returns the image and the unmount. */
  async function fullDisk(mnt: string): Promise<{ image: string; umount(): Promise<void> }> {
    await fs.mkdir(mnt);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'vkev-tmpfs', mnt]);
    const image = path.join(mnt, 'disk.raw');
    await fs.writeFile(image, '');
    await fs.truncate(image, 16 * 1024 * 1024);
    await fill(mnt);
    return { image, umount: async () => { await run('umount', ['-l', mnt]).catch(() => {}); } };
  }

  it('a write that finds the host disk full pauses the guest with IO_ERROR and IO_ERROR_REASON "enospc"; it runs on once space is freed', async () => {
    // The guest's disk is vdb (alias virtio-disk1) on a full file system.
    const mnt = path.join(root, 'full');
    const { image, umount } = await fullDisk(mnt);
    try {
      const serial = path.join(root, 'ioerror.log');
      const dom = await conn.createDomain(await guestXml({ name: 'vkev-ioerror', serialLog: serial, diskwrite: image }));
      const mine = () => events.filter((e) => e.domain.name === 'vkev-ioerror');
      await eventually(() => { expect(mine().map((e) => e.id)).to.include.members([DomainEventId.IO_ERROR, DomainEventId.IO_ERROR_REASON]); }, 90_000);
      const [plain, withReason] = [DomainEventId.IO_ERROR, DomainEventId.IO_ERROR_REASON].map((id) => mine().find((e) => e.id === id)!);
      expect(plain).to.deep.include({ srcPath: image, devAlias: 'virtio-disk1', action: IoErrorAction.PAUSE });
      expect(withReason).to.deep.include({ srcPath: image, devAlias: 'virtio-disk1', action: IoErrorAction.PAUSE, reason: 'enospc' });
      await eventually(async () => { expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.IOERROR }); }, 10_000);

      await fs.rm(path.join(mnt, 'filler'));
      const before = (await readCounter(serial)).at(-1) ?? 0;
      await dom.resume();
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
      await waitForCounter(serial, before + 5);
      await dom.destroy();
    } finally {
      await umount();
    }
  });

  it('real virsh and virtkit event --all through virtkitd print the same lines for a guest whose disk is full: its I/O errors and pause', async () => {
    const dir = await makeRoot('vkevd');
    const socket = path.join(dir, 'sock');
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_RUNTIME_DIR: path.join(dir, 'run') };
    await fs.writeFile(path.join(dir, 'virtkitd.conf'), '');
    const daemon = await spawnVirtkitd([], ['--socket', socket, '--ro-socket', `${socket}-ro`, '--config', path.join(dir, 'virtkitd.conf'), '--verbose'], env);
    let log = '';
    daemon.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const uri = `qemu+unix:///session?socket=${socket}`;
    const { image, umount } = await fullDisk(path.join(dir, 'full'));
    // virsh and virtkit wait side by side; both must print the same lines.
    const watch = (file: string, args: string[]) => {
      const p = spawn(file, [...args, '-c', uri, 'event', '--all', '--loop', '--timeout', '120'], { env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      const w = { proc: p, out: '' };
      p.stdout.on('data', (c: Buffer) => (w.out += c.toString()));
      return w;
    };
    const virshWatch = watch('virsh', []);
    const virtkitWatch = watch(process.execPath, [VIRTKIT]);
    try {
      // Both watchers have registered (the daemon logs each call) before the guest starts: virsh 9.0 one callback per
      // event id it knows (27, lifecycle included), virtkit one for lifecycle and one per id of the wire table (28).
      await eventually(() => { expect(log.split('call CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY').length - 1).to.be.at.least(27 + 28); }, 60_000);
      const xml = path.join(dir, 'guest.xml');
      await fs.writeFile(xml, await guestXml({ name: 'vkev-virsh', serialLog: path.join(dir, 'serial.log'), diskwrite: image }));
      await run('virsh', ['-c', uri, 'create', xml], { env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      await eventually(() => { expect(virshWatch.out).to.include("event 'io-error-reason'"); }, 90_000);
      const out = virshWatch.out;
      expect(out).to.include(`event 'io-error' for domain 'vkev-virsh': ${image} (virtio-disk1) pause\n`);
      expect(out).to.include(`event 'io-error-reason' for domain 'vkev-virsh': ${image} (virtio-disk1) pause due to enospc\n`);
      await eventually(() => { expect(virshWatch.out).to.include("event 'lifecycle' for domain 'vkev-virsh': Suspended I/O Error\n"); }, 10_000);
      await run('virsh', ['-c', uri, 'destroy', 'vkev-virsh']);
      const destroyed = "event 'lifecycle' for domain 'vkev-virsh': Stopped Destroyed\n";
      await eventually(() => { for (const w of [virshWatch, virtkitWatch]) expect(w.out).to.include(destroyed); }, 10_000);
      expect(virtkitWatch.out).to.equal(virshWatch.out);
    } finally {
      for (const w of [virshWatch, virtkitWatch]) w.proc.kill();
      await stopVirtkitd(daemon);
      await umount();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a migration reports each memory pass as MIGRATION_ITERATION and its end as JOB_COMPLETED with the final statistics, on the source', async () => {
    const rootB = await makeRoot('vkevB');
    try {
      const serial = path.join(root, 'mig.log');
      const dom = await conn.createDomain(await guestXml({ name: 'vkev-mig', serialLog: serial, dirty: true }));
      await waitForCounter(serial, 5);
      const dest = await virt.connect(embedUri(rootB));
      const mine = () => events.filter((e) => e.domain.name === 'vkev-mig');
      const { domain } = await dom.migrate(dest, { flags: MigrateFlags.LIVE });
      expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
      await eventually(() => { expect(mine().map((e) => e.id)).to.include(DomainEventId.JOB_COMPLETED); }, 10_000);
      const passes = mine().flatMap((e) => (e.id === DomainEventId.MIGRATION_ITERATION ? [e.iteration] : []));
      expect(passes.length).to.be.greaterThan(0);
      expect(passes).to.deep.equal([...passes].sort((x, y) => x - y));
      const done = mine().find((e) => e.id === DomainEventId.JOB_COMPLETED);
      if (done?.id !== DomainEventId.JOB_COMPLETED) throw new Error('no JOB_COMPLETED');
      expect(done.params.operation).to.equal(JobOperation.MIGRATION_OUT);
      expect(done.params.success).to.equal(true);
      expect(Number(done.params.memory_total)).to.be.greaterThan(0);
      expect(Number(done.params.memory_processed)).to.be.greaterThan(0);
      expect(done.params).to.have.property('downtime');
      // the last event of the source's job; the destination's is its own
      expect(mine().filter((e) => e.id === DomainEventId.JOB_COMPLETED)).to.have.length(1);
      await domain.destroy();
    } finally {
      await fs.rm(rootB, { recursive: true, force: true });
    }
  });
});
