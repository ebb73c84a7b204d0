import { expect } from 'chai';
import { ErrorCode, isVirtError, parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv } from '@virtkit/driver-kvm';

// Network disk sources and backing chains: what the golden files (disks-network, disks-backing-chain)
// cannot show — the refusals, each naming the element and what this host lacks.

const host = { monitorPath: '/run/virtkit/qemu/mon.sock' };
const domain = (disk: string) => `<domain type='qemu'><name>t</name><uuid>11111111-2222-4333-8444-555555555555</uuid>
  <memory unit='MiB'>64</memory><os><type machine='pc'>hvm</type></os><devices>${disk}</devices></domain>`;
const argv = (disk: string, caps = QEMU_7_2_CAPS) => buildQemuArgv(parseDomainXml(domain(disk)), caps, host);

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED), String(e)).to.equal(true);
    return (e as Error).message;
  }
  return expect.fail('expected CONFIG_UNSUPPORTED');
}

const ssh = `<disk type='network' device='disk'><driver name='qemu' type='raw'/>
  <source protocol='ssh' name='/img'><host name='h.test'/></source><target dev='vda' bus='virtio'/></disk>`;

describe('driver-kvm network disks', () => {
  it('refuses a protocol whose block driver module this QEMU cannot load, naming the package', () => {
    const msg = refusal(() => argv(ssh, { ...QEMU_7_2_CAPS, blockDrivers: ['nbd'] }));
    expect(msg).to.include('domain/devices/disk[1]/source/@protocol').and.include('qemu-block-extra');
    // With the module, the same disk is an ssh node on libvirt's default port.
    const ok = argv(ssh, { ...QEMU_7_2_CAPS, blockDrivers: ['nbd', 'ssh'] });
    expect(ok).to.include('{"driver":"ssh","path":"/img","server":{"host":"h.test","port":"22"},"node-name":"libvirt-1-storage","read-only":false}');
  });

  it('refuses authentication and cookies, which need secrets QEMU gets encrypted', () => {
    expect(refusal(() => argv(`<disk type='network' device='disk'><source protocol='iscsi' name='iqn.2024-01.test:t/1'><host name='h.test'/>
      <auth username='u'><secret type='iscsi' usage='x'/></auth></source><target dev='vda' bus='virtio'/></disk>`))).to.include('source/auth');
    expect(refusal(() => argv(`<disk type='network' device='cdrom'><source protocol='http' name='a.iso'><host name='h.test'/>
      <cookies><cookie name='c'>v</cookie></cookies></source><target dev='hdc' bus='ide'/><readonly/></disk>`))).to.include('source/cookies');
  });

  it('refuses malformed names and protocols QEMU 7.2 has no driver for', () => {
    expect(refusal(() => argv(`<disk type='network' device='disk'><source protocol='rbd' name='justimage'/><target dev='vda' bus='virtio'/></disk>`))).to.include('source/@name');
    expect(refusal(() => argv(`<disk type='network' device='disk'><source protocol='sheepdog' name='x'><host name='h.test'/></source><target dev='vda' bus='virtio'/></disk>`))).to.include("'sheepdog'");
    expect(refusal(() => argv(`<disk type='network' device='disk'><source protocol='nbd' tls='yes'><host name='h.test'/></source><target dev='vda' bus='virtio'/></disk>`))).to.include('source/@tls');
  });

  it('numbers chain nodes as libvirt: disks from the last back, each chain top-down', () => {
    const a = argv(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.qcow2'/>
        <backingStore type='file'><format type='qcow2'/><source file='/b.qcow2'/></backingStore><target dev='vda' bus='virtio'/></disk>
      <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/c.raw'/><target dev='vdb' bus='virtio'/></disk>`);
    const nodes = a.flatMap((w, i) => (a[i - 1] === '-blockdev' ? [JSON.parse(w) as Record<string, unknown>] : []));
    expect(nodes.map((n) => n['node-name'])).to.deep.equal(['libvirt-3-storage', 'libvirt-3-format', 'libvirt-2-storage', 'libvirt-2-format', 'libvirt-1-storage']);
    expect(nodes[3]!.backing).to.equal('libvirt-3-format');
    expect(nodes[1]).to.not.have.property('backing');
    expect(nodes[1]!['read-only']).to.equal(true);
  });

  it('refuses a backing image without a format and a raw image with one below it', () => {
    expect(refusal(() => argv(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.qcow2'/>
      <backingStore type='file'><source file='/b.qcow2'/></backingStore><target dev='vda' bus='virtio'/></disk>`))).to.include('backingStore/format');
    expect(refusal(() => argv(`<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/a.raw'/>
      <backingStore type='file'><format type='raw'/><source file='/b.raw'/></backingStore><target dev='vda' bus='virtio'/></disk>`))).to.include('format/@type');
  });

  it('refuses a source label it would have to apply, and keeps one that asks for none', () => {
    const chain = (relabel: string) => `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/a.qcow2'/>
      <backingStore type='file'><format type='qcow2'/><source file='/b.qcow2'><seclabel model='selinux' relabel='${relabel}'/></source></backingStore><target dev='vda' bus='virtio'/></disk>`;
    expect(refusal(() => argv(chain('yes')))).to.include('seclabel/@model');
    expect(argv(chain('no')).join(' ')).to.include('"backing":"libvirt-2-format"');
  });
});
