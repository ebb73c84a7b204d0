import { expect } from 'chai';
import { ErrorCode, isVirtError, parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv, type QemuCaps } from '@virtkit/driver-kvm';

// What a host cannot run is refused by name, with the reason, before any QEMU starts: the host CPU model
// and SMM under a KVM that cannot set them up (the caps probe says so), guest memory beyond the CPU's
// physical address bits, hugepages without hugetlbfs, cgroup tuning and confidential guests.

const host = { monitorPath: '/run/virtkit/qemu/m.sock' };

const domain = (o: { type?: string; cpu?: string; features?: string; memory?: string; extra?: string; os?: string } = {}) => `<domain type='${o.type ?? 'kvm'}'>
  <name>limits</name><uuid>4c8e0a26-7b9d-4f1e-a3c5-6e7f8091a2b3</uuid>
  ${o.memory ?? "<memory unit='MiB'>128</memory>"}
  ${o.extra ?? ''}
  <os><type arch='x86_64' machine='${o.os ?? 'q35'}'>hvm</type></os>
  ${o.features ? `<features>${o.features}</features>` : ''}
  ${o.cpu ?? ''}
  <devices/>
</domain>`;

const kvmHost = (limits: Partial<QemuCaps>): QemuCaps => ({ ...QEMU_7_2_CAPS, kvm: true, ...limits });

function refusal(xml: string, caps: QemuCaps = QEMU_7_2_CAPS): Error {
  try {
    buildQemuArgv(parseDomainXml(xml), caps, host);
  } catch (e) {
    expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED), String(e)).to.equal(true);
    return e as Error;
  }
  return expect.fail('accepted');
}

describe('driver-kvm refusals of what the host cannot provide', () => {
  it('refuses host-passthrough under a KVM that cannot set the host CPU up, and runs it under one that can', () => {
    const xml = domain({ cpu: "<cpu mode='host-passthrough'/>" });
    expect(refusal(xml, kvmHost({ kvmHostCpu: false })).message).to.match(/domain\/cpu\/@mode: .*host's KVM refuses/);
    const argv = buildQemuArgv(parseDomainXml(xml), kvmHost({ kvmHostCpu: true }), host);
    expect(argv.slice(argv.indexOf('-cpu'), argv.indexOf('-cpu') + 2)).to.deep.equal(['-cpu', 'host,migratable=on']);
    expect(argv.slice(argv.indexOf('-accel'), argv.indexOf('-accel') + 2)).to.deep.equal(['-accel', 'kvm']);
  });

  it("refuses smm='on' under a KVM without SMM; TCG emulates it", () => {
    const features = "<acpi/><smm state='on'/>";
    expect(refusal(domain({ features }), kvmHost({ kvmSmm: false })).message).to.match(/domain\/features\/smm: .*no System Management Mode/);
    const argv = buildQemuArgv(parseDomainXml(domain({ type: 'qemu', features })), kvmHost({ kvmSmm: false }), host);
    expect(argv.find((a) => a.startsWith('pc-q35-'))).to.include('smm=on');
    expect(argv[argv.indexOf('-accel') + 1]).to.equal('tcg');
  });

  it('sizes TCG\'s translation cache from <tcg><tb-cache> and refuses other children', () => {
    const argv = buildQemuArgv(parseDomainXml(domain({ type: 'qemu', features: "<tcg><tb-cache unit='GiB'>1</tb-cache></tcg>" })), QEMU_7_2_CAPS, host);
    expect(argv[argv.indexOf('-accel') + 1]).to.equal('tcg,tb-size=1024');
    expect(refusal(domain({ type: 'qemu', features: '<tcg><other/></tcg>' })).message).to.include('domain/features/tcg/other');
  });

  it('refuses hotpluggable memory beyond the guest CPU\'s physical address bits, unless maxphysaddr widens them', () => {
    const memory = "<maxMemory slots='16' unit='TiB'>2</maxMemory><memory unit='MiB'>256</memory>";
    expect(refusal(domain({ type: 'qemu', memory })).message).to.match(/domain\/maxMemory: .*40 physical address bits/);
    const wide = domain({ type: 'qemu', memory, cpu: "<cpu mode='custom'><model>qemu64</model><maxphysaddr mode='emulate' bits='46'/></cpu>" });
    const argv = buildQemuArgv(parseDomainXml(wide), QEMU_7_2_CAPS, host);
    expect(argv[argv.indexOf('-m') + 1]).to.equal('size=262144k,slots=16,maxmem=2147483648k');
    // 900 GiB fits 40 bits; 970 GiB crosses AMD's HyperTransport hole, which moves the layout above 1 TiB (QEMU 7.2 then exits).
    buildQemuArgv(parseDomainXml(domain({ type: 'qemu', memory: "<maxMemory slots='16' unit='GiB'>900</maxMemory><memory unit='MiB'>256</memory>" })), QEMU_7_2_CAPS, host);
    expect(refusal(domain({ type: 'qemu', memory: "<maxMemory slots='16' unit='GiB'>970</maxMemory><memory unit='MiB'>256</memory>" })).message).to.include('domain/maxMemory');
  });

  it('names the missing hugetlbfs when the host has none mounted', () => {
    const xml = domain({ type: 'qemu', extra: '<memoryBacking><hugepages/></memoryBacking>' });
    expect(refusal(xml, { ...QEMU_7_2_CAPS, hugetlbfs: [] }).message).to.include('this host has no hugetlbfs mounted');
  });

  it('refuses cgroup tuning and confidential guests by name, and keeps <idmap> (the LXC driver\'s) without effect', () => {
    expect(refusal(domain({ type: 'qemu', extra: "<memtune><hard_limit unit='MiB'>512</hard_limit></memtune>" })).message).to.match(/domain\/memtune: .*memory cgroup/);
    expect(refusal(domain({ type: 'qemu', extra: '<cputune><shares>2048</shares></cputune>' })).message).to.match(/domain\/cputune: .*cgroups/);
    expect(refusal(domain({ type: 'qemu', extra: "<launchSecurity type='sev'><policy>0x0003</policy></launchSecurity>" })).message).to.include('domain/launchSecurity');
    const plain = buildQemuArgv(parseDomainXml(domain({ type: 'qemu' })), QEMU_7_2_CAPS, host);
    const mapped = buildQemuArgv(parseDomainXml(domain({ type: 'qemu', extra: "<idmap><uid start='0' target='1000' count='10'/><gid start='0' target='1000' count='10'/></idmap>" })), QEMU_7_2_CAPS, host);
    expect(mapped).to.deep.equal(plain);
  });
});
