import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DomainBlockResizeFlags, DriverRole } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { qemuFirmwareXml as guest } from './helpers/domain-xml.js';

const run = promisify(execFile);
const virsh = async (...args: string[]) => (await run('virsh', args, { timeout: 60000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;

describe('domain control of a real QEMU guest through virtkitd (KVM driver behind the wire)', function () {
  this.timeout(120000);
  let d: Virtkitd;
  let tmp: string;
  let disk: string;
  const name = 'vkw1-resize';
  // As in kvm-migration.test.ts: the daemon serves qemu:///session out of XDG directories of its own.
  const uri = () => `qemu+unix:///session?socket=${d.socket}`;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vkw1-kvm-'));
    d = await startVirtkitd('', { verbose: false, env: { XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_RUNTIME_DIR: path.join(tmp, 'run') } });
    disk = path.join(tmp, 'disk.img');
    await writeFile(disk, '');
    await truncate(disk, 2 * 1024 * 1024);
    const file = path.join(tmp, `${name}.xml`);
    await writeFile(file, guest(name).replace('</devices>', `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk}'/><target dev='vdb' bus='virtio'/></disk></devices>`));
    await virsh('-c', uri(), `define ${file}; start ${name}`);
  });
  after(async () => {
    if (d) await virsh('-c', uri(), `destroy ${name}; undefine ${name}`).catch(() => '');
    await d?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('real virsh blockresize grows the running guest\'s disk through QMP', async () => {
    expect(await virsh('-c', uri(), 'blockresize', name, 'vdb', '4M')).to.contain("Block device 'vdb' is resized");
    expect((await stat(disk)).size).to.equal(4 * 1024 * 1024);
  });

  it('virtkit\'s client declares the KVM driver\'s roles (device detach, no scheduler) and resizes in bytes', async () => {
    const virt = await remoteVirt();
    try {
      const conn = await virt.connect(uri());
      const f = conn.driverConnection.features;
      expect([DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DEVICE_DETACH, DriverRole.DOMAIN_STATS].every((r) => f.has(r))).to.equal(true);
      // The KVM driver has no scheduler and no guest clock: their probes were answered NO_SUPPORT.
      expect(f.has(DriverRole.SCHEDULER)).to.equal(false);
      expect(f.has(DriverRole.DOMAIN_TIME)).to.equal(false);
      const dom = await conn.lookupDomainByName(name);
      await dom.blockResize('vdb', 6 * 1024 * 1024, DomainBlockResizeFlags.BYTES);
      expect((await stat(disk)).size).to.equal(6 * 1024 * 1024);
      expect((await dom.blockStats('vdb')).rdReq).to.be.a('number');
      await conn.close();
    } finally {
      await virt.dispose();
    }
  });
});
