import { execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ensureNetworkGuest } from './support/guest.js';
import { createNetns, type Netns } from './support/netns.js';
import { spawnVirtkitd, stopVirtkitd } from './support/virtkitd.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../packages/cli/dist/main.js', import.meta.url));

/** qemu:///system's directories (host-paths.ts) and the pool's, each bind-mounted from the test's directory in the daemon's private mount namespace. */
const SYSTEM_DIRS = ['/etc/virtkit', '/run/virtkit', '/var/log/virtkit', '/var/cache/virtkit', '/var/lib/virtkit'];

/**
 * Real virsh (in the machine's namespace) against a virtkitd serving
 * qemu:///system in a namespaced host: its own network namespace (the
 * bridge, rules, dnsmasq and guest live there) and a private mount
 * namespace in which the system state directories are the test's own
 * (bind mounts that exist only there). The unix socket is a path in the
 * test's directory, so virsh reaches it.
 */
describe('real virsh networks and storage against virtkitd serving qemu:///system in a namespaced host', function () {
  this.timeout(300_000);
  let ns: Netns;
  let dir: string;
  let daemon: ChildProcess;
  let uri: string;

  const virsh = async (...args: string[]) => (await run('virsh', ['-c', uri, ...args], { timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;

  /** virtkit's own CLI, over the same socket. */
  const ours = async (...args: string[]) => (await run(process.execPath, [CLI, '-c', uri, ...args], { timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;

  before(async () => {
    ns = await createNetns('virsh');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vk-netvirsh-'));
    const socket = path.join(dir, 'sock');
    // The TCP listener serves without authentication only when told to.
    await fs.writeFile(path.join(dir, 'virtkitd.conf'), 'auth_tcp = "none"\n');
    const mounts = SYSTEM_DIRS.map((d, i) => `mkdir -p ${d} ${dir}/sys${i} && mount --bind ${dir}/sys${i} ${d}`);
    const script = ['set -e', ...mounts, `exec "$0" "$@"`].join('\n');
    // The mounts exist only in the daemon's mount namespace and go with it.
    daemon = await spawnVirtkitd(['ip', 'netns', 'exec', ns.name, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script],
      ['--socket', socket, '--ro-socket', `${socket}-ro`, '--tcp', '127.0.0.1:0', '--config', path.join(dir, 'virtkitd.conf')], {});
    uri = `qemu+unix:///system?socket=${socket}`;
  });

  after(async () => {
    await stopVirtkitd(daemon);
    await ns?.remove();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('net-define, net-start, net-update, pool-define-as, pool-build, vol-create-as, vol-upload, vol-download, net-dhcp-leases and domifaddr for a guest on both', async () => {
    const netFile = path.join(dir, 'net.xml');
    await fs.writeFile(netFile, `<network>
  <name>vnet-virsh</name>
  <forward mode='nat'/>
  <bridge name='vkbr9'/>
  <ip address='10.213.9.1' prefix='24'>
    <dhcp>
      <range start='10.213.9.10' end='10.213.9.20'/>
    </dhcp>
  </ip>
</network>`);
    expect(await virsh('net-define', netFile)).to.include('Network vnet-virsh defined from');
    expect(await virsh('net-list', '--all')).to.match(/vnet-virsh\s+inactive\s+no\s+yes/);
    expect(await virsh('net-start', 'vnet-virsh')).to.include('Network vnet-virsh started');
    expect(await virsh('net-autostart', 'vnet-virsh')).to.include('Network vnet-virsh marked as autostarted');
    expect(await virsh('net-list')).to.match(/vnet-virsh\s+active\s+yes\s+yes/);
    expect(await ours('net-list', '--all')).to.equal(await virsh('net-list', '--all'));
    const info = await virsh('net-info', 'vnet-virsh');
    expect(await ours('net-info', 'vnet-virsh')).to.equal(info);
    expect(await ours('net-dumpxml', 'vnet-virsh')).to.equal(await virsh('net-dumpxml', 'vnet-virsh'));
    expect(info).to.match(/Active:\s+yes/).and.to.match(/Bridge:\s+vkbr9/);
    expect(await virsh('net-dumpxml', 'vnet-virsh')).to.include("<bridge name='vkbr9' stp='on' delay='0'/>");
    expect(await ns.exec('ip', ['-4', 'addr', 'show', 'dev', 'vkbr9'])).to.include('10.213.9.1/24');
    await virsh('net-update', 'vnet-virsh', 'add', 'ip-dhcp-host', "<host mac='52:54:00:aa:bb:09' ip='10.213.9.15'/>", '--live', '--config');
    expect(await virsh('net-update', 'vnet-virsh', 'add-first', 'dns-host', "<host ip='10.213.9.15'><hostname>vkguest.vkns</hostname></host>", '--live', '--config')).to.include('Updated network vnet-virsh persistent config and live state');
    expect(await virsh('net-dumpxml', 'vnet-virsh', '--inactive')).to.include('<hostname>vkguest.vkns</hostname>');
    // qemu:///system's state is the daemon's private copy: in the test's directory, not in the machine's /etc/virtkit.
    expect(await fs.readdir(path.join(dir, 'sys0', 'qemu', 'networks'))).to.include('vnet-virsh.xml');
    expect(await fs.readdir('/etc/virtkit/qemu/networks').catch(() => [])).not.to.include('vnet-virsh.xml');

    // A pool, a base volume filled by vol-upload and read back by vol-download, and an overlay on it for the guest.
    expect(await virsh('pool-define-as', 'vkns-images', 'dir', '--target', '/var/lib/virtkit/vkns-images')).to.include('Pool vkns-images defined');
    expect(await virsh('pool-build', 'vkns-images')).to.include('Pool vkns-images built');
    expect(await virsh('pool-start', 'vkns-images')).to.include('Pool vkns-images started');
    expect(await fs.readdir(path.join(dir, 'sys4')), 'the pool directory is under the private /var/lib/virtkit').to.include('vkns-images');
    expect(await virsh('vol-create-as', 'vkns-images', 'base.raw', '4M')).to.include('Vol base.raw created');
    const payload = randomBytes(4 * 1024 * 1024);
    await fs.writeFile(path.join(dir, 'payload.bin'), payload);
    await virsh('vol-upload', '--pool', 'vkns-images', 'base.raw', path.join(dir, 'payload.bin'));
    await virsh('vol-download', '--pool', 'vkns-images', 'base.raw', path.join(dir, 'back.bin'));
    expect(Buffer.compare(await fs.readFile(path.join(dir, 'back.bin')), payload), 'vol-download returns what vol-upload sent').to.equal(0);
    expect(await virsh('vol-create-as', 'vkns-images', 'vm.qcow2', '16M', '--format', 'qcow2', '--backing-vol', 'base.raw', '--backing-vol-format', 'raw')).to.include('Vol vm.qcow2 created');

    const guest = await ensureNetworkGuest();
    const domFile = path.join(dir, 'dom.xml');
    await fs.writeFile(domFile, `<domain type='qemu'>
  <name>vk-net-virsh</name>
  <memory unit='MiB'>192</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>${guest.kernel}</kernel><initrd>${guest.initrd}</initrd><cmdline>console=ttyS0 quiet panic=-1</cmdline></os>
  <features><acpi/></features>
  <devices>
    <interface type='network'><mac address='52:54:00:aa:bb:09'/><source network='vnet-virsh'/><model type='virtio'/></interface>
    <disk type='volume' device='disk'><source pool='vkns-images' volume='vm.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <serial type='file'><source path='${path.join(dir, 'serial.log')}'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>`);
    await virsh('create', domFile);
    const deadline = Date.now() + 180_000;
    let leases = '';
    while (!leases.includes('10.213.9.15') && Date.now() < deadline) {
      await delay(1000);
      leases = await virsh('net-dhcp-leases', 'vnet-virsh');
    }
    expect(leases).to.match(/52:54:00:aa:bb:09\s+ipv4\s+10\.213\.9\.15\/24\s+vkguest/);
    const addr = await virsh('domifaddr', 'vk-net-virsh');
    expect(addr).to.match(/vnet\d+\s+52:54:00:aa:bb:09\s+ipv4\s+10\.213\.9\.15\/24/);
    expect(await virsh('domifaddr', 'vk-net-virsh', '--source', 'lease')).to.equal(addr);
    expect(await ours('domifaddr', 'vk-net-virsh')).to.equal(addr);
    expect(await ours('net-dhcp-leases', 'vnet-virsh')).to.equal(leases);

    const tap = /(vnet\d+)/.exec(addr)![1];
    expect(await virsh('domif-setlink', 'vk-net-virsh', tap, 'down')).to.include('Device updated successfully');
    expect((await virsh('domif-getlink', 'vk-net-virsh', tap)).trim()).to.equal(`${tap} down`);
    expect(await virsh('domif-setlink', 'vk-net-virsh', '52:54:00:aa:bb:09', 'up')).to.include('Device updated successfully');
    expect((await virsh('domif-getlink', 'vk-net-virsh', tap)).trim()).to.equal(`${tap} up`);

    expect(await virsh('attach-interface', 'vk-net-virsh', 'network', 'vnet-virsh', '--model', 'virtio', '--live')).to.include('Interface attached successfully');
    expect((await virsh('domiflist', 'vk-net-virsh')).match(/vnet\d+\s+network\s+vnet-virsh\s+virtio/g)).to.have.length(2);

    expect(await virsh('domblklist', 'vk-net-virsh')).to.match(/vda\s+\S*vm\.qcow2/);
    await virsh('destroy', 'vk-net-virsh');
    await virsh('vol-delete', '--pool', 'vkns-images', 'vm.qcow2');
    await virsh('vol-delete', '--pool', 'vkns-images', 'base.raw');
    await virsh('pool-destroy', 'vkns-images');
    expect(await virsh('pool-delete', 'vkns-images')).to.include('Pool vkns-images deleted');
    await virsh('pool-undefine', 'vkns-images');
    expect(await virsh('net-destroy', 'vnet-virsh')).to.include('Network vnet-virsh destroyed');
    expect((await ns.tryExec('ip', ['link', 'show', 'vkbr9'])).ok).to.equal(false);
    expect(await virsh('net-undefine', 'vnet-virsh')).to.include('Network vnet-virsh has been undefined');
    expect(await virsh('net-list', '--all')).not.to.include('vnet-virsh');
  });
});
