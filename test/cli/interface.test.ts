import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { virshOnLibvirt, virtkitOnTest } from './side-by-side.js';

/** stdout of real virsh; a failing command is part of the comparison (virsh exits 1 then). */
/** What virsh prints on stdout on libvirt's test driver, whether the invocation fails or not. */
const virsh = async (commands: string) => (await virshOnLibvirt(commands)).stdout;
/** The same of virtkit on its test driver. */
const virtkit = async (commands: string) => (await virtkitOnTest(commands)).stdout;

describe('cli: iface-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);
  let dir: string;
  before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'vkfam-iface-')); });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('eth1; a bridge defined, started and listed; a rolled-back and a committed transaction; the failures', async () => {
    const file = path.join(dir, 'br0.xml');
    await writeFile(file, `<interface type="bridge" name="br0"><mac address="52:54:00:AA:BB:CC"/><start mode="onboot"/>
      <protocol family="ipv4"><dhcp peerdns="no"/></protocol><bridge stp="off" delay="0.01"><interface type="ethernet" name="eth0"><mac address="ab:bb:cc:dd:ee:ff"/></interface>
      <interface type="vlan" name="eth0.42"><vlan tag="42"><interface name="eth0"/></vlan></interface></bridge></interface>`);
    const commands = `iface-list --all; iface-dumpxml eth1; iface-mac eth1; iface-name aa:bb:cc:dd:ee:ff; iface-name 00:00:00:00:00:00; iface-define ${file}; iface-dumpxml br0; `
      + 'iface-list --all; iface-list --inactive; iface-start br0; iface-list; iface-mac br0; iface-begin; iface-undefine br0; iface-rollback; iface-list --all; '
      + 'iface-begin; iface-destroy br0; iface-start eth1; iface-commit; iface-list --all; iface-begin; iface-begin; iface-commit; iface-commit; iface-rollback; '
      + 'iface-start eth1; iface-dumpxml nosuch; iface-undefine br0; iface-list --all';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });
});

describe('cli: nodedev-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);
  let dir: string;
  before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'vkfam-nodedev-')); });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the four devices, info, a vHBA created and destroyed, and nodedev-list failing as libvirt 9.0\'s test driver makes it', async () => {
    const file = path.join(dir, 'vhba.xml');
    await writeFile(file, "<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn></capability></capability></device>");
    const commands = 'nodedev-list; nodedev-list --all --tree; nodedev-dumpxml computer; nodedev-dumpxml scsi_host1; nodedev-dumpxml scsi_host2; nodedev-dumpxml scsi_host11; '
      + `nodedev-info computer; nodedev-info scsi_host11; nodedev-create ${file}; nodedev-dumpxml scsi_host12; nodedev-info scsi_host12; nodedev-destroy scsi_host12; `
      + 'nodedev-dumpxml scsi_host12; nodedev-destroy computer; nodedev-info computer; nodedev-list --cap foo; nodedev-dumpxml nosuch';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });
});

describe('cli: secret-* and nwfilter-* on test:///default fail as virsh does on libvirt\'s (its test driver has neither)', function () {
  this.timeout(30000);

  it('the same stdout and the same error lines, virsh\'s fallbacks to the older calls included', async () => {
    const uuid = '11111111-2222-3333-4444-555555555555';
    const commands = `secret-list; secret-define /nonexistent-vkfam.xml; secret-dumpxml ${uuid}; secret-get-value ${uuid}; secret-set-value ${uuid} --base64 aGk=; `
      + `secret-undefine ${uuid}; nwfilter-list; nwfilter-dumpxml x; nwfilter-undefine x; nwfilter-dumpxml ${uuid}; `
      + 'nwfilter-binding-list; nwfilter-binding-dumpxml vnet0; nwfilter-binding-create /nonexistent-vkfam.xml; nwfilter-binding-delete vnet0';
    const { stdout: out, stderr: err } = await virtkitOnTest(commands);
    const real = await virshOnLibvirt(commands);
    expect(real.code, 'virsh fails').to.equal(1);
    expect(out).to.equal(real.stdout);
    expect(err).to.equal(real.stderr);
    expect(err).to.include('error: Failed to count secrets\nerror: this function is not supported by the connection driver: virConnectNumOfSecrets\n');
  });
});
