import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { expectConsecutiveFrom, guestXml, readCounter, waitForCounter } from './support/hosts.js';
import { IMAGES_DIR, VIRTKIT_CLI, twoHostTestbed, type TestbedHost } from './support/testbed.js';

/**
 * Real virsh on host A sets a QEMU guest's migration limits through
 * virtkitd, watches the migration with domjobinfo, switches it to
 * post-copy with migrate-postcopy, and reads the completed job; the
 * virtkit CLI prints the same job as virsh does.
 */
describe('migration controls through real virsh on namespaced hosts (post-copy, limits, domjobinfo)', function () {
  this.timeout(300_000);
  let a: TestbedHost;
  let b: TestbedHost;
  const virsh = (...args: string[]) => a.exec('virsh', args);
  const virtkit = (...args: string[]) => a.exec(process.execPath, [VIRTKIT_CLI, ...args]);
  const name = 'vkm-post';
  let serial: string;

  const bed = twoHostTestbed('vkm');
  before(async () => {
    [a, b] = bed.hosts();
    serial = `/var/log/virtkit/${name}.serial`;
    const file = path.join(a.root, `${name}.xml`);
    await fs.writeFile(file, await guestXml({ name, serialLog: serial }));
    await virsh('-c', a.uri(), `define ${file}; start ${name}`);
    await waitForCounter(a.outside(serial), 3);
  });

  it('migrate-setmaxdowntime / migrate-getmaxdowntime and migrate-setspeed / migrate-getspeed (--postcopy), as virsh prints them', async () => {
    expect(await virsh('-c', a.uri(), 'migrate-setmaxdowntime', name, '250')).to.equal('\n');
    expect(await virsh('-c', a.uri(), 'migrate-getmaxdowntime', name)).to.equal('250\n\n');
    expect(await virtkit('-c', a.uri(), 'migrate-getmaxdowntime', name)).to.equal('250\n\n');
    await virsh('-c', a.uri(), 'migrate-setspeed', name, '3', '--postcopy');
    expect(await virsh('-c', a.uri(), 'migrate-getspeed', name, '--postcopy')).to.equal('3\n\n');
    expect(await virtkit('-c', a.uri(), 'migrate-getspeed', name, '--postcopy')).to.equal('3\n\n');
    await virtkit('-c', a.uri(), 'migrate-setspeed', name, '0', '--postcopy');
    expect(await virsh('-c', a.uri(), 'migrate-getspeed', name, '--postcopy')).to.equal('0\n\n');
    await virtkit('-c', a.uri(), 'migrate-setspeed', name, '1');
    expect(await virsh('-c', a.uri(), 'migrate-getspeed', name)).to.equal('1\n\n');
    const refused = await virsh('-c', a.uri(), 'migrate-setmaxdowntime', name, '0').then(() => '', (e: { stderr: string }) => e.stderr);
    expect(refused).to.include('migrate: Invalid downtime');
    expect(await virtkit('-c', a.uri(), 'migrate-getmaxdowntime', name)).to.equal('250\n\n');
  });

  it('virsh migrate --live --p2p --postcopy, domjobinfo while it runs, migrate-postcopy: the guest runs on B and its counter continues', async () => {
    const before = (await readCounter(a.outside(serial))).at(-1)!;
    const migrating = virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--postcopy', '--persistent', name, b.uri());
    let settled = false;
    migrating.then(() => { settled = true; }, () => { settled = true; });
    let running = '';
    for (let i = 0; i < 200 && !settled && !/Memory processed:\s+[1-9]/.test(running); i++) {
      await delay(100);
      running = await virsh('-c', a.uri(), 'domjobinfo', name).catch(() => '');
    }
    expect(running).to.match(/^Job type: {9}Unbounded {3}\n/);
    expect(running).to.match(/\nOperation: {8}Outgoing migration\n/);
    expect(running).to.match(/\nMemory remaining:\s+\d/);
    expect(await virsh('-c', a.uri(), 'migrate-postcopy', name)).to.equal('\n');
    await migrating;
    expect((await virsh('-c', b.uri(), 'domstate', name)).trim()).to.equal('running');
    expect((await virsh('-c', a.uri(), 'domstate', name)).trim()).to.equal('shut off');
    const atEnd = (await readCounter(a.outside(serial))).at(-1)!;
    await waitForCounter(b.outside(serial), atEnd + 3);
    const onB = await readCounter(b.outside(serial));
    expect(onB[0], 'B goes on from the counter A had, no reboot').to.be.greaterThan(before);
    expectConsecutiveFrom(onB, onB[0]);
  });

  it('domjobinfo --completed on A: virsh and the virtkit CLI print the same figures', async () => {
    const bySh = await virsh('-c', a.uri(), 'domjobinfo', '--completed', '--keep-completed', name);
    expect(bySh).to.match(/^Job type: {9}Completed {3}\nOperation: {8}Outgoing migration\n/);
    for (const figure of ['Memory bandwidth:', 'Postcopy requests:', 'Normal pages:', 'Total downtime:', 'Setup time:']) expect(bySh).to.include(`\n${figure}`);
    expect(bySh).to.match(/\nMemory remaining: 0\.000 B\n/);
    const byVk = await virtkit('-c', a.uri(), 'domjobinfo', '--completed', name);
    expect(byVk).to.equal(bySh);
    expect(await virtkit('-c', a.uri(), 'domjobinfo', '--completed', name), 'read without --keep-completed: gone').to.equal(`Job type:         None        \n\n`);
  });


  it('virsh migrate --parallel --parallel-connections 3 (managed, B to A): A takes the main stream and 3 multifd channels; the counter continues', async () => {
    await virsh('-c', b.uri(), 'migrate-setspeed', name, '1');
    const onB = (await readCounter(b.outside(serial))).at(-1)!;
    const onABefore = (await readCounter(a.outside(serial))).length;
    const migrating = virsh('-c', b.uri(), 'migrate', '--live', '--parallel', '--parallel-connections', '3', '--persistent', '--undefinesource', name, a.uri());
    let settled = false;
    migrating.then(() => { settled = true; }, () => { settled = true; });
    let running = '';
    for (let i = 0; i < 200 && !settled && !/Memory processed:\s+[1-9]/.test(running); i++) {
      await delay(100);
      running = await virsh('-c', b.uri(), 'domjobinfo', name).catch(() => '');
    }
    const incoming = await a.exec('ss', ['-Htn', 'state', 'established', '( sport >= :49152 and sport <= :49215 )']);
    expect(incoming.split('\n').filter((l) => l.trim() !== ''), 'connections into A\'s incoming QEMU').to.have.length(4);
    await virsh('-c', b.uri(), 'migrate-setspeed', name, '0');
    await migrating;
    expect((await virsh('-c', a.uri(), 'domstate', name)).trim()).to.equal('running');
    expect(await virsh('-c', b.uri(), 'list', '--all', '--name')).to.not.contain(name);
    await waitForCounter(a.outside(serial), onB + 3);
    const back = (await readCounter(a.outside(serial))).slice(onABefore);
    expect(back[0], 'A goes on from B\'s counter, no reboot').to.be.at.least(onB);
    expectConsecutiveFrom(back, back[0]);
  });

  it('virsh migrate --p2p --copy-storage-all --disks-port: B\'s NBD server takes exactly that port (held, the migration fails and the guest runs on A; free, the disk arrives)', async () => {
    const disk = `${IMAGES_DIR}/vkm-disk.img`;
    const diskSerial = '/var/log/virtkit/vkm-disk.serial';
    const original = randomBytes(4 * 1024 * 1024);
    await fs.writeFile(a.outside(disk), original);
    const file = path.join(a.root, 'vkm-disk.xml');
    await fs.writeFile(file, await guestXml({ name: 'vkm-disk', serialLog: diskSerial, diskwrite: disk }));
    await virsh('-c', a.uri(), `define ${file}; start vkm-disk`);
    await waitForCounter(a.outside(diskSerial), 3);
    const port = '49300';
    const migrate = () => virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', '--copy-storage-all', '--disks-port', port, 'vkm-disk', b.uri());
    const holder = b.spawn('python3', ['-c', `import socket,sys,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind(('${b.address}', ${port}))\ns.listen()\nprint('held', flush=True)\ntime.sleep(600)`]);
    try {
      await new Promise<void>((resolve, reject) => { holder.stdout!.once('data', () => resolve()); holder.once('exit', (c) => reject(new Error(`port holder exited with ${c}`))); });
      const refused = await migrate().then(() => '', (e: { stderr: string }) => e.stderr);
      expect(refused, 'the NBD server could not listen on the held port').to.match(/'nbd-server-start': .*Address already in use/);
      expect((await virsh('-c', a.uri(), 'domstate', 'vkm-disk')).trim()).to.equal('running');
      expect(await virsh('-c', b.uri(), 'list', '--all', '--name')).to.not.contain('vkm-disk');
    } finally {
      holder.kill('SIGKILL');
    }
    await migrate();
    expect((await virsh('-c', b.uri(), 'domstate', 'vkm-disk')).trim()).to.equal('running');
    expect(await virsh('-c', a.uri(), 'list', '--all', '--name')).to.not.contain('vkm-disk');
    await virsh('-c', b.uri(), 'destroy', 'vkm-disk');
    const arrived = await fs.readFile(b.outside(disk));
    expect(arrived.length).to.equal(original.length);
  });
});
