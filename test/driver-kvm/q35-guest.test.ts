import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DomainState, MigrateFlags, escapeXmlAttr, escapeXmlText, type Connection, type Virt } from '@virtkit/core';
import { QmpConnector, socketQmpConnector, type QmpMonitor } from '@virtkit/driver-kvm';
import { ensureTestGuest } from './support/guest.js';
import { embedUri, expectConsecutiveFrom, makeRoot, makeVirt, readCounter, tearDownRoots, waitForCounter } from './support/hosts.js';

// A q35 guest as virt-manager makes them, on real QEMU: PCIe root ports added per device, virtio-scsi with
// a disk, a virtio-serial guest-agent channel, a watchdog, an RNG and (when the ovmf package is installed)
// UEFI firmware chosen from the host's descriptors, pinned to a <vcpu cpuset>. QMP must see each device where the XML put it, and a
// migration to another root must rebuild the same PCI topology.

const UEFI = fsSync.existsSync('/usr/share/qemu/firmware/60-edk2-x86_64.json');

interface PciDevice { bus: number; slot: number; function: number; id?: { vendor: number; device: number }; qdev_id: string; pci_bridge?: { bus: { secondary: number }; devices: PciDevice[] } }

/** Every device of query-pci, bridges' children included, as "qdev_id bus:slot.fn vendor:device". */
function pciList(buses: Array<{ devices: PciDevice[] }>): string[] {
  const out: string[] = [];
  const walk = (devs: PciDevice[]) => {
    for (const d of devs) {
      out.push(`${d.qdev_id} ${d.bus}:${d.slot}.${d.function} ${d.id?.vendor.toString(16)}:${d.id?.device.toString(16)}`);
      if (d.pci_bridge) walk(d.pci_bridge.devices);
    }
  };
  for (const b of buses) walk(b.devices);
  return out.sort();
}

async function q35Xml(o: { name: string; serial: string; disk: string; uefi: boolean; cpuset?: string }): Promise<string> {
  const g = await ensureTestGuest();
  return `<domain type='qemu'>
  <name>${escapeXmlText(o.name)}</name>
  <memory unit='MiB'>192</memory>
  <vcpu${o.cpuset ? ` placement='static' cpuset='${o.cpuset}'` : ''}>1</vcpu>
  <os${o.uefi ? " firmware='efi'" : ''}>
    <type arch='x86_64' machine='q35'>hvm</type>
    ${o.uefi ? "<firmware><feature enabled='no' name='secure-boot'/></firmware>" : ''}
    <kernel>${escapeXmlText(g.kernel)}</kernel>
    <initrd>${escapeXmlText(g.initrd)}</initrd>
    <cmdline>console=ttyS0 quiet panic=-1</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${escapeXmlAttr(o.disk)}'/>
      <target dev='sda' bus='scsi'/>
    </disk>
    <controller type='scsi' index='0' model='virtio-scsi'/>
    <serial type='file'>
      <source path='${escapeXmlAttr(o.serial)}' append='on'/>
      <target port='0'/>
    </serial>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <watchdog model='i6300esb' action='reset'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <memballoon model='none'/>
  </devices>
</domain>`;
}

describe('driver-kvm q35 guest with root ports, virtio-scsi, guest agent channel, watchdog, RNG (real QEMU)', function () {
  this.timeout(240_000);
  let rootA: string;
  let rootB: string;
  let virt: Virt;
  let a: Connection;
  const monitors = new Map<string, QmpMonitor>();

  before(async () => {
    rootA = await makeRoot('q35A');
    rootB = await makeRoot('q35B');
    virt = await makeVirt({ migrationPorts: { min: 49640, max: 49655 } });
    const real = socketQmpConnector();
    // Keeps the driver's own monitor connection of each guest, to ask QEMU what it built.
    virt.container.register(QmpConnector, { useValue: { connect: async (p: string, opts?: object) => { const m = await real.connect(p, opts); monitors.set(p, m); return m; } } });
    a = await virt.connect(embedUri(rootA));
  });

  after(() => tearDownRoots(virt, [rootA, rootB]));

  const monitorOf = (root: string, uuid: string) => monitors.get(path.join(root, 'run', 'qemu', `${uuid}.monitor`))!;

  it(`boots${UEFI ? ' under UEFI' : ''}; QMP sees each device at the address in the canonical XML`, async () => {
    const serial = path.join(rootA, 'boot.log');
    const disk = path.join(rootA, 'scsi.raw');
    await fs.writeFile(disk, Buffer.alloc(1 << 20));
    const dom = await a.defineDomain(await q35Xml({ name: 'q35-boot', serial, disk, uefi: UEFI, cpuset: '0,^1' }));
    const xml = await dom.getXmlDesc();
    expect(xml).to.include("model='pcie-root-port'");
    await dom.start();
    await waitForCounter(serial, 3, 180_000);
    const qmp = monitorOf(rootA, dom.uuid);
    // <vcpu cpuset> pins the QEMU process (a host-side setting, not on its command line).
    const { pid } = JSON.parse(await fs.readFile(path.join(rootA, 'run', 'qemu', `${dom.uuid}.json`), 'utf8')) as { pid: number };
    expect(/Cpus_allowed_list:\s*(\S+)/.exec(await fs.readFile(`/proc/${pid}/status`, 'utf8'))?.[1]).to.equal('0');
    const peripherals = (await qmp.execute<Array<{ name: string }>>('qom-list', { path: '/machine/peripheral' })).map((p) => p.name);
    for (const id of ['pci.1', 'pci.2', 'scsi0', 'scsi0-0-0-0', 'virtio-serial0', 'channel0', 'watchdog0', 'rng0', 'serial0']) expect(peripherals, id).to.include(id);
    const pci = pciList(await qmp.execute('query-pci'));
    // Root ports on pcie.0; virtio-scsi (1af4:1048), virtio-serial (1af4:1043), virtio-rng (1af4:1044) each behind one; i6300esb (8086:25ab) behind the pcie-to-pci bridge.
    expect(pci.filter((l) => /^pci\.\d+ 0:1\.\d 1b36:c$/.test(l)).length, pci.join('; ')).to.be.at.least(4);
    for (const [id, ids] of [['scsi0', '1af4:1048'], ['virtio-serial0', '1af4:1043'], ['rng0', '1af4:1044'], ['watchdog0', '8086:25ab']]) {
      const line = pci.find((l) => l.startsWith(`${id} `));
      expect(line, `${id} in ${pci.join('; ')}`).to.match(new RegExp(`${ids}$`));
      expect(line).to.not.match(/ 0:/);
    }
    // Each address QEMU reports is the one the canonical XML records (bus numbers aside, which the guest firmware assigns).
    const live = await dom.getXmlDesc();
    const scsiAddr = /<controller type='scsi' index='0' model='virtio-scsi'>\s*<address type='pci' domain='0x0000' bus='(0x[0-9a-f]+)' slot='0x00'/.exec(live);
    expect(scsiAddr, live).to.not.equal(null);
    const channel = await fs.stat(path.join(rootA, 'run', 'qemu', `${dom.uuid}.org.qemu.guest_agent.0`));
    expect(channel.isSocket()).to.equal(true);
    if (UEFI) {
      const nodes = (await qmp.execute<Array<{ 'node-name': string }>>('query-named-block-nodes')).map((n) => n['node-name']);
      expect(nodes).to.include.members(['libvirt-pflash0-format', 'libvirt-pflash1-storage']);
      expect(live).to.match(/<loader readonly='yes' secure='no' type='pflash' format='raw'>\/usr\/share\/OVMF\/OVMF_CODE_4M.fd<\/loader>/);
      expect((await fs.stat(path.join(rootA, 'etc', 'qemu', 'nvram', `${dom.uuid}_VARS.fd`))).size).to.be.greaterThan(0);
    }
    await dom.destroy();
    await dom.undefine();
  });

  it('migrates to another root with the same root ports and addresses; the guest runs on', async () => {
    const serial = path.join(rootA, 'mig.log');
    const disk = path.join(rootA, 'mig.raw');
    await fs.writeFile(disk, Buffer.alloc(1 << 20));
    const dom = await a.defineDomain(await q35Xml({ name: 'q35-mover', serial, disk, uefi: false }));
    await dom.start();
    await waitForCounter(serial, 3, 120_000);
    const before = pciList(await monitorOf(rootA, dom.uuid).execute('query-pci'));
    const srcXml = await dom.getXmlDesc(2);
    const from = (await readCounter(serial)).at(-1)!;
    const b = await virt.connect(embedUri(rootB));
    const { domain } = await dom.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    const after = pciList(await monitorOf(rootB, domain.uuid).execute('query-pci'));
    expect(after).to.deep.equal(before);
    const addresses = (x: string) => [...x.matchAll(/<address [^>]*>/g)].map((m) => m[0]);
    expect(addresses(await domain.getXmlDesc(2))).to.deep.equal(addresses(srcXml));
    await waitForCounter(serial, from + 5, 60_000);
    expect(expectConsecutiveFrom(await readCounter(serial), from, 'counter reset').length).to.be.greaterThan(4);
    await domain.destroy();
  });
});
