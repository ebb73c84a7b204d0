import { expect } from 'chai';
import { ErrorCode, formatDomainXml, isVirtError, memoryToKiB, parseDomainXml, parseXmlDocument } from '@virtkit/core';

const FULL = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>web,1 "prod" &amp; co</name>
  <uuid>C7A5FDBD-EDAF-9455-926A-D65C16DB1809</uuid>
  <title>Web server</title>
  <description>multi
line</description>
  <metadata>
    <app:info xmlns:app='http://example.org/app'><app:owner>ops</app:owner></app:info>
  </metadata>
  <memory unit='GiB'>1</memory>
  <currentMemory unit='MiB'>512</currentMemory>
  <vcpu placement='static' current='1'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>/boot/vmlinuz</kernel>
    <initrd>/boot/initrd.img</initrd>
    <cmdline>console=ttyS0</cmdline>
    <boot dev='hd'/>
    <boot dev='cdrom'/>
    <bootmenu enable='yes' timeout='3000'/>
    <smbios mode='sysinfo'/>
  </os>
  <features><acpi/><apic/><pae/></features>
  <cpu mode='custom' match='exact'>
    <model fallback='allow'>qemu64</model>
    <topology sockets='1' dies='1' cores='2' threads='1'/>
    <feature policy='require' name='sse2'/>
  </cpu>
  <clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>coredump-destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='none'/>
      <source file='/var/lib/images/a,b.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <boot order='1'/>
      <iotune><total_bytes_sec>1000</total_bytes_sec></iotune>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <controller type='usb' index='0' model='piix3-uhci'/>
    <interface type='network'>
      <mac address='52:54:00:AB:CD:EF'/>
      <source network='default'/>
      <model type='virtio'/>
      <bandwidth><inbound average='1000'/></bandwidth>
    </interface>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <sound model='ich6'/>
    <video><model type='cirrus' vram='16384' heads='1'/></video>
    <memballoon model='virtio'><stats period='10'/></memballoon>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <watchdog model='i6300esb' action='reset'/>
  </devices>
  <seclabel type='none'/>
  <qemu:commandline><qemu:arg value='-no-hpet'/></qemu:commandline>
</domain>`;

function expectXmlError(xml: string, text: string): void {
  try {
    parseDomainXml(xml);
  } catch (e) {
    expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
    expect((e as Error).message).to.contain(text);
    return;
  }
  expect.fail(`accepted: ${xml.slice(0, 60)}`);
}

describe('core: domain XML', () => {
  it('reads the typed model', () => {
    const def = parseDomainXml(FULL);
    expect(def.type).to.equal('kvm');
    expect(def.name).to.equal('web,1 "prod" & co');
    expect(def.uuid).to.equal('c7a5fdbd-edaf-9455-926a-d65c16db1809');
    expect(def.memory.kib).to.equal(1048576);
    expect(def.currentMemory?.kib).to.equal(524288);
    expect(def.vcpu).to.include({ count: 2, current: 1, placement: 'static' });
    expect(def.os).to.include({ type: 'hvm', arch: 'x86_64', machine: 'pc', kernel: '/boot/vmlinuz', cmdline: 'console=ttyS0' });
    expect(def.os.boot).to.deep.equal(['hd', 'cdrom']);
    expect(def.cpu?.topology).to.deep.equal({ sockets: 1, dies: 1, cores: 2, threads: 1 });
    expect(def.onCrash).to.equal('coredump-destroy');
    const [disk, cdrom] = def.devices.disks;
    expect(disk.sourcePath).to.equal('/var/lib/images/a,b.qcow2');
    expect(disk.driver).to.deep.equal({ name: 'qemu', type: 'qcow2', cache: 'none' });
    expect(disk.bootOrder).to.equal(1);
    expect(disk.address?.slot).to.equal('0x04');
    expect(cdrom.readonly).to.equal(true);
    expect(def.devices.interfaces[0]).to.include({ type: 'network', mac: '52:54:00:ab:cd:ef', model: 'virtio' });
    expect(def.devices.memballoon?.model).to.equal('virtio');
    expect(def.devices.rngs[0].backend).to.include({ model: 'random', path: '/dev/urandom' });
  });

  it('writes memory in KiB and loses nothing it does not know', () => {
    const out = formatDomainXml(parseDomainXml(FULL));
    expect(out).to.contain("<memory unit='KiB'>1048576</memory>");
    expect(out).to.contain("<currentMemory unit='KiB'>524288</currentMemory>");
    for (const kept of ["<smbios mode='sysinfo'/>", '<total_bytes_sec>1000</total_bytes_sec>', "<inbound average='1000'/>", "<sound model='ich6'/>",
      "<watchdog model='i6300esb' action='reset'/>", "<seclabel type='none'/>", "<qemu:arg value='-no-hpet'/>", "<stats period='10'/>",
      "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'", '<app:owner>ops</app:owner>', "<timer name='rtc' tickpolicy='catchup'/>"]) {
      expect(out).to.contain(kept);
    }
    expect(out).to.contain('<name>web,1 "prod" &amp; co</name>');
    // Unknown children stay where they were relative to known ones.
    expect(out.indexOf('<iotune>')).to.be.greaterThan(out.indexOf("<boot order='1'/>"));
    expect(out.indexOf('<sound')).to.be.greaterThan(out.indexOf('<graphics')).and.lessThan(out.indexOf('<video>'));
    // A second round trip is a fixed point.
    expect(formatDomainXml(parseDomainXml(out))).to.equal(out);
  });

  it('converts every memory unit libvirt accepts, rounding up to KiB', () => {
    const cases: Array<[string, string | undefined, number]> = [
      ['1024', undefined, 1024], ['1', 'KiB', 1], ['1', 'k', 1], ['2048', 'b', 2], ['1', 'bytes', 1], ['1000', 'KB', 977], ['1', 'MB', 977],
      ['1', 'M', 1024], ['1', 'MiB', 1024], ['1', 'GB', 976563], ['1', 'G', 1048576], ['1', 'GiB', 1048576], ['1', 'TB', 976562500],
      ['1', 'T', 1073741824], ['1', 'TiB', 1073741824],
    ];
    for (const [v, u, kib] of cases) expect(memoryToKiB(v, u, 'memory'), `${v} ${u}`).to.equal(kib);
    expectXmlError("<domain type='test'><name>a</name><memory unit='parsecs'>1</memory><os><type>hvm</type></os></domain>", "unknown memory unit 'parsecs'");
    expectXmlError("<domain type='test'><name>a</name><memory>-5</memory><os><type>hvm</type></os></domain>", 'domain/memory');
    expectXmlError("<domain type='test'><name>a</name><memory unit='EiB'>99999</memory><os><type>hvm</type></os></domain>", 'too large');
  });

  it('generates a UUID when missing and refuses a malformed one', () => {
    const a = parseDomainXml("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>");
    const b = parseDomainXml("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>");
    expect(a.uuid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.uuid).to.not.equal(b.uuid);
    expectXmlError("<domain type='test'><name>a</name><uuid>not-a-uuid</uuid><memory>1</memory><os><type>hvm</type></os></domain>", "domain/uuid: malformed uuid 'not-a-uuid'");
  });

  it('names the element and the problem in errors', () => {
    expectXmlError("<domain type='test'><memory>1</memory><os><type>hvm</type></os></domain>", 'domain/name: missing domain name');
    expectXmlError("<domain><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>", "domain: missing attribute 'type'");
    expectXmlError("<domain type='test'><name>a</name><os><type>hvm</type></os></domain>", 'domain/memory: missing <memory>');
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory></domain>", 'domain/os');
    expectXmlError("<domain type='test'><name>a/b</name><memory>1</memory><os><type>hvm</type></os></domain>", "cannot contain '/'");
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory><vcpu>many</vcpu><os><type>hvm</type></os></domain>", "domain/vcpu: 'many' is not an integer");
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory><vcpu current='4'>2</vcpu><os><type>hvm</type></os></domain>", 'current vcpus 4 exceed maximum 2');
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os><devices><disk type='file'><source file='/x'/></disk></devices></domain>", 'missing disk target');
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os><devices><interface type='user'><mac address='zz'/></interface></devices></domain>", "invalid MAC address 'zz'");
    expectXmlError("<domain type='test'><name>a</name><memory>1</memory><os><type>hvm</type></os><on_crash>explode</on_crash></domain>", "unknown lifecycle action 'explode'");
    expectXmlError("<network><name>a</name></network>", 'the root element must be <domain>');
  });

  it('refuses hostile documents before building a tree', () => {
    expectXmlError('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><domain type="test"><name>&lol2;</name></domain>', 'DOCTYPE');
    expectXmlError(`<domain type='test'>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</domain>`, 'deeper than');
    expectXmlError(`<domain type='test'><name>${'x'.repeat(5 * 1024 * 1024)}</name></domain>`, 'larger than');
    expectXmlError('<domain type="test"><name>a</name>', 'malformed document');
    expectXmlError('', 'empty');
    expectXmlError("<domain type='test'><name>a&nbsp;b</name></domain>", "undefined entity or stray '&' near '&nbsp;'");
    expectXmlError('<a/><b/>', 'exactly one root');
  });

  it('serialises attribute values with quotes and newlines escaped', () => {
    const root = parseXmlDocument(`<x a="it's &quot;q&quot;" b="line&#10;two"/>`);
    expect(root.attrs).to.deep.equal({ a: `it's "q"`, b: 'line\ntwo' });
    const def = parseDomainXml(`<domain type='test'><name>q</name><memory>1</memory><os><type>hvm</type></os><devices><disk type='file'><source file="/tmp/it's &quot;x&quot;,y"/><target dev='vda'/></disk></devices></domain>`);
    expect(def.devices.disks[0].sourcePath).to.equal(`/tmp/it's "x",y`);
    const again = parseDomainXml(formatDomainXml(def));
    expect(again.devices.disks[0].sourcePath).to.equal(`/tmp/it's "x",y`);
  });
});
