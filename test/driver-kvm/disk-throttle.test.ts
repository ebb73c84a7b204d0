import { expect } from 'chai';
import { ErrorCode, isVirtError, parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv, canonicalizeDomain, diskThrottles, diskTopNode } from '@virtkit/driver-kvm';

// <iotune>: nothing on the command line (as libvirt 11), one block_set_io_throttle per disk after start.

const host = { monitorPath: '/run/virtkit/qemu/mon.sock' };
const domain = (disks: string) => `<domain type='qemu'><name>t</name><uuid>11111111-2222-4333-8444-555555555555</uuid>
  <memory unit='MiB'>64</memory><os><type machine='pc'>hvm</type></os><devices>${disks}</devices></domain>`;
const disk = (dev: string, bus: string, iotune: string) => `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/i/${dev}.qcow2'/>
  <target dev='${dev}' bus='${bus}'/><iotune>${iotune}</iotune></disk>`;

function throttles(xml: string) {
  const def = canonicalizeDomain(parseDomainXml(xml), QEMU_7_2_CAPS);
  const argv = buildQemuArgv(def, QEMU_7_2_CAPS, host);
  return { argv, calls: diskThrottles(def, argv, (i) => diskTopNode(def, i, def.devices.disks[i]!.driver?.type ?? 'raw')) };
}

describe('driver-kvm disk I/O limits', () => {
  it('gives each throttled disk one call naming its device, with the group and every limit', () => {
    const { argv, calls } = throttles(domain(disk('vda', 'virtio', '<total_bytes_sec>5000</total_bytes_sec><read_iops_sec_max>70</read_iops_sec_max><group_name>g1</group_name>')
      + `<disk type='file' device='disk'><source file='/i/plain.raw'/><target dev='vdb' bus='virtio'/></disk>`
      + disk('hda', 'ide', '<read_bytes_sec>1</read_bytes_sec><write_bytes_sec>2</write_bytes_sec><size_iops_sec>4096</size_iops_sec>')));
    expect(argv.join(' ')).to.not.match(/throttle|bps/);
    expect(calls).to.deep.equal([
      { id: 'virtio-disk0/virtio-backend', bps: 5000, bps_rd: 0, bps_wr: 0, iops: 0, iops_rd: 0, iops_wr: 0, iops_rd_max: 70, group: 'g1' },
      { id: 'ide0-0-0', bps: 0, bps_rd: 1, bps_wr: 2, iops: 0, iops_rd: 0, iops_wr: 0, iops_size: 4096 },
    ]);
  });

  it('refuses total with read/write limits of one kind, and limits QEMU 7.2 does not have', () => {
    for (const [iotune, what] of [['<total_bytes_sec>1</total_bytes_sec><read_bytes_sec>1</read_bytes_sec>', 'total and read/write'], ['<unknown_limit>1</unknown_limit>', 'unknown_limit']]) {
      try {
        buildQemuArgv(parseDomainXml(domain(disk('vda', 'virtio', iotune))), QEMU_7_2_CAPS, host);
        expect.fail('accepted');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED), String(e)).to.equal(true);
        expect((e as Error).message).to.include('disk[1]/iotune').and.include(what);
      }
    }
  });
});
