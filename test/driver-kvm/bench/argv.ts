import { parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv } from '@virtkit/driver-kvm';

/**
 * Domain XML → QEMU argv throughput (parse, canonicalise, build) on simple
 * domains written for this benchmark, against parse alone in the same run,
 * per second of the process's CPU time.
 * Target: at least 50,000 domains per second for XML → argv.
 */
const uuid = (i: number) => `5f0c${i.toString(16).padStart(4, '0')}-1b2c-4d3e-8f40-5a6b7c8d9e0f`;
const domains: string[] = [];
for (let i = 0; i < 64; i++) {
  const q35 = i % 2 === 1;
  domains.push(`<domain type='kvm'>
  <name>bench-${i}</name>
  <uuid>${uuid(i)}</uuid>
  <memory unit='MiB'>${512 + 64 * (i % 8)}</memory>
  <vcpu>${1 + (i % 4)}</vcpu>
  <os><type arch='x86_64' machine='${q35 ? 'q35' : 'pc'}'>hvm</type><boot dev='hd'/></os>
  <features><acpi/><apic/></features>
  <clock offset='utc'/>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/virtkit/images/bench-${i}.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    ${i % 4 < 2 ? `<disk type='file' device='cdrom'><source file='/iso/install.iso'/><target dev='${q35 ? 'sda' : 'hdc'}' bus='${q35 ? 'sata' : 'ide'}'/><readonly/></disk>` : ''}
    <interface type='user'><model type='virtio'/></interface>
    <serial type='pty'/>
    ${i % 3 === 0 ? "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>" : ''}
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='${q35 ? 'virtio' : 'cirrus'}'/></video>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
  </devices>
</domain>`);
}

const host = { monitorPath: '/run/virtkit/qemu/bench.monitor' };
/** Work per second of this process's CPU time (user + system), which other load on a shared machine does not dilute as it does wall time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function rate(work: (xml: string) => unknown, seconds = 2): number {
  for (let i = 0; i < 2000; i++) work(domains[i % domains.length]);
  let n = 0;
  const start = cpuMs();
  const end = start + seconds * 1000;
  while (cpuMs() < end) for (let k = 0; k < 256; k++) work(domains[n++ % domains.length]);
  return n / ((cpuMs() - start) / 1000);
}

const parsed = new Map(domains.map((xml) => [xml, parseDomainXml(xml)]));
const parseOnly = rate((xml) => parseDomainXml(xml));
const toArgv = rate((xml) => buildQemuArgv(parseDomainXml(xml), QEMU_7_2_CAPS, host));
const defToArgv = rate((xml) => buildQemuArgv(parsed.get(xml)!, QEMU_7_2_CAPS, host));
const fmt = (x: number) => `${Math.round(x).toLocaleString('en-US').padStart(9)} domains per CPU second`;
console.log(`\nXML → argv on ${domains.length} simple domains (pc and q35), ${process.version}`);
console.log(`  parse only (baseline)      ${fmt(parseOnly)}`);
console.log(`  XML → argv                 ${fmt(toArgv)}   (${(toArgv / parseOnly).toFixed(2)} of parse-only; target ≥ 50,000/s: ${toArgv >= 50_000 ? 'met' : 'NOT met'})`);
console.log(`  parsed definition → argv   ${fmt(defToArgv)}   (canonicalise + build, without the XML parser)`);
