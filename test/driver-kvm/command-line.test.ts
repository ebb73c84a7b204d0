import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ErrorCode, escapeXmlText, formatDomainXml, isVirtError, parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv, canonicalizeDomain, domxmlFromNative, domxmlToNative, shellSplit } from '@virtkit/driver-kvm';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '..', 'fixtures');
const host = { monitorPath: '/run/virtkit/qemu/mon.sock' };

function argvOf(xml: string, caps = QEMU_7_2_CAPS): string[] {
  return buildQemuArgv(parseDomainXml(xml), caps, host);
}

function expectUnsupported(fn: () => unknown, element: string): void {
  try {
    fn();
  } catch (e) {
    expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED), String(e)).to.equal(true);
    expect((e as Error).message).to.include(element);
    return;
  }
  expect.fail(`expected CONFIG_UNSUPPORTED naming ${element}`);
}

const base = (devices: string, extra = '') => `<domain type='qemu'><name>t</name><uuid>11111111-2222-4333-8444-555555555555</uuid>
  <memory unit='MiB'>64</memory><os><type machine='pc'>hvm</type></os>${extra}<devices>${devices}</devices></domain>`;

describe('driver-kvm command line', () => {
  for (const name of ['minimal', 'headless', 'devices', 'q35', 'legacy']) {
    it(`builds the golden argv for ${name}.xml`, () => {
      const argv = argvOf(fs.readFileSync(path.join(fixtures, `${name}.xml`), 'utf8'));
      const goldenPath = path.join(fixtures, `${name}.args`);
      if (process.env.VIRTKIT_UPDATE_GOLDEN) fs.writeFileSync(goldenPath, argv.join('\n') + '\n');
      expect(argv).to.deep.equal(fs.readFileSync(goldenPath, 'utf8').trimEnd().split('\n'));
    });

    it(`round-trips ${name}.xml through domxml-from-native to the same argv`, () => {
      const native = domxmlToNative(fs.readFileSync(path.join(fixtures, `${name}.xml`), 'utf8'));
      const back = domxmlFromNative(native);
      expect(domxmlToNative(back)).to.equal(native);
    });
  }

  it('canonicalizes: versioned machine, rounded memory, default CPU and balloon, stable MACs, PCI slots', () => {
    const def = canonicalizeDomain(parseDomainXml(base("<interface type='user'/><interface type='user'><model type='virtio'/></interface>")), QEMU_7_2_CAPS);
    expect(def.os.machine).to.equal('pc-i440fx-7.2');
    expect(def.cpu?.model?.name).to.equal('qemu64');
    expect(def.devices.memballoon?.address?.slot).to.equal('0x04');
    expect(def.devices.interfaces.map((n) => n.address?.slot)).to.deep.equal(['0x02', '0x03']);
    const macs = def.devices.interfaces.map((n) => n.mac);
    expect(macs[0]).to.match(/^52:54:00:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(macs[0]).to.not.equal(macs[1]);
    const again = canonicalizeDomain(def, QEMU_7_2_CAPS);
    expect(again).to.deep.equal(def);
  });

  it('keeps explicit PCI slots and refuses a clash naming the element', () => {
    const addr = (slot: string) => `<address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='0x0'/>`;
    const def = canonicalizeDomain(parseDomainXml(base(`<interface type='user'>${addr('0x09')}</interface><memballoon model='virtio'/>`)), QEMU_7_2_CAPS);
    expect(def.devices.interfaces[0].address?.slot).to.equal('0x09');
    expect(def.devices.memballoon?.address?.slot).to.equal('0x02');
    expectUnsupported(() => argvOf(base(`<interface type='user'>${addr('0x05')}</interface><memballoon model='virtio'>${addr('0x05')}</memballoon>`)), 'domain/devices/memballoon');
    expectUnsupported(() => argvOf(base(`<interface type='user'>${addr('0x01')}</interface>`)), 'domain/devices/interface[1]');
  });

  it('refuses a machine type the binary lacks', () => {
    const xml = base('').replace("machine='pc'", "machine='pc-i440fx-99.0'");
    expectUnsupported(() => argvOf(xml), 'domain/os/type/@machine');
  });

  it('backs network and bridge interfaces with the tap the driver made: ifname, host_mtu, multiqueue', () => {
    const nic = (type: string, source: string, more = '') => `<interface type='${type}'><mac address='52:54:00:00:00:01'/>${source}<target dev='vnet3'/><model type='virtio'/>${more}</interface>`;
    const argv = argvOf(base(nic('network', "<source network='default' bridge='virbr0'/>", "<mtu size='1400'/><driver queues='2'/>")));
    const netdev = JSON.parse(argv[argv.indexOf('-netdev') + 1]);
    expect(netdev).to.deep.equal({ type: 'tap', script: 'no', downscript: 'no', id: 'hostnet0', ifname: 'vnet3', queues: 2 });
    const device = JSON.parse(argv[argv.indexOf('-netdev') + 3]);
    expect(device).to.include({ driver: 'virtio-net-pci', netdev: 'hostnet0', host_mtu: 1400, mq: true, vectors: 6 });
    const bridged = argvOf(base(nic('bridge', "<source bridge='br0'/>")));
    expect(JSON.parse(bridged[bridged.indexOf('-netdev') + 1])).to.deep.equal({ type: 'tap', script: 'no', downscript: 'no', id: 'hostnet0', ifname: 'vnet3' });
  });

  it('names the element it cannot express instead of dropping it', () => {
    expectUnsupported(() => argvOf(base("<disk type='network' device='disk'><source protocol='nbd' name='x'/><target dev='vda'/></disk>")), 'domain/devices/disk[1]');
    expectUnsupported(() => argvOf(base("<disk type='file'><driver name='qemu' type='vmdk'/><source file='/x'/><target dev='vda'/></disk>")), 'domain/devices/disk[1]/driver/@type');
    expectUnsupported(() => argvOf(base("<interface type='direct'><source dev='eth0' mode='bridge'/></interface>")), 'domain/devices/interface[1]');
    expectUnsupported(() => argvOf(base("<interface type='network'><source network='default'/><link state='sideways'/></interface>")), 'domain/devices/interface[1]/link');
    expectUnsupported(() => argvOf(base("<serial type='udp'/>")), 'domain/devices/serial[1]');
    expectUnsupported(() => argvOf(base("<graphics type='sdl'/>")), 'domain/devices/graphics[1]');
    expectUnsupported(() => argvOf(base("<smartcard mode='passthrough' type='spicevmc'/>")), 'domain/devices');
    expectUnsupported(() => argvOf(base('', "<features><gic version='3'/></features>")), 'domain/features/gic');
    expectUnsupported(() => argvOf(base("<disk type='file'><source file='/x'/><target dev='vda'/><iotune><total_bytes_sec>1</total_bytes_sec><read_bytes_sec>1</read_bytes_sec></iotune></disk>")), 'domain/devices/disk[1]');
  });

  it('refuses controller and USB layouts QEMU or libvirt would refuse, naming the element', () => {
    // On a conventional PCI bus QEMU makes virtio devices transitional, and those cannot take iommu_platform.
    expectUnsupported(() => argvOf(base("<controller type='scsi' model='virtio-scsi'><driver iommu='on'/></controller>")), 'domain/devices/controller[1]/driver/@iommu');
    expectUnsupported(() => argvOf(base("<hub type='usb'><address type='usb' bus='0' port='2.1'/></hub>")), 'domain/devices/hub[1]/address/@port');
    expectUnsupported(() => argvOf(base("<hub type='usb'><address type='usb' bus='0' port='3'/></hub>")), 'domain/devices/hub[1]/address/@port');
    expectUnsupported(() => argvOf(base("<input type='mouse' bus='usb'><address type='usb' bus='1'/></input>")), 'domain/devices/input[1]/address/@bus');
    // piix3-uhci has two root ports.
    expectUnsupported(() => argvOf(base("<input type='mouse' bus='usb'/><input type='tablet' bus='usb'/><input type='keyboard' bus='usb'/>")), 'domain/devices/input[3]');
    expectUnsupported(() => argvOf(base("<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='pcie-switch-upstream-port'><model name='pci-bridge'/></controller>").replace("machine='pc'", "machine='q35'")), 'domain/devices/controller[3]/model');
    expectUnsupported(() => argvOf(base("<controller type='pci' index='0' model='pci-root'><pcihole64 unit='KiB'>lots</pcihole64></controller>")), 'pcihole64');
    // A bus without a slot asks for a free slot on that bus, which must exist.
    expectUnsupported(() => argvOf(base("<interface type='user'><address type='pci' bus='3'/></interface>")), 'domain/devices/interface[1]');
    expectUnsupported(() => argvOf(base("<controller type='pci' index='1' model='pcie-expander-bus'/>").replace("machine='pc'", "machine='q35'")), 'domain/devices/controller[2]/target/@busNr');
  });

  it('refuses disks QEMU would refuse or this host cannot provide, naming the element and the reason', () => {
    expectUnsupported(() => argvOf(base("<disk type='file'><driver name='qemu' io='native'/><source file='/x'/><target dev='vda'/></disk>")), 'domain/devices/disk[1]/driver/@io');
    expectUnsupported(() => argvOf(base("<disk type='file'><driver name='qemu' iommu='on'/><source file='/x'/><target dev='vda'/></disk>")), 'domain/devices/disk[1]/driver/@iommu');
    expectUnsupported(() => argvOf(base("<disk type='file'><driver name='qemu' event_idx='on'/><source file='/x'/><target dev='hda'/></disk>")), 'domain/devices/disk[1]/driver');
    expectUnsupported(() => argvOf(base("<disk type='dir' device='floppy'><driver name='qemu' type='fat'/><source dir='/d'/><target dev='fda'/></disk>")), 'domain/devices/disk[1]/readonly');
    expectUnsupported(() => argvOf(base("<disk type='block' device='lun'><source dev='/dev/sdz'/><target dev='sda' bus='scsi'/></disk>")), 'domain/devices/disk[1]/@device');
    expectUnsupported(() => argvOf(base("<disk type='nvme' device='disk'><source type='pci' managed='yes' namespace='1'><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source><target dev='vda'/></disk>")), 'domain/devices/disk[1]/@type');
    expectUnsupported(() => argvOf(base("<disk type='file'><source file='/x'/><target dev='vda' removable='on'/></disk>")), 'domain/devices/disk[1]/target/@removable');
    expectUnsupported(() => argvOf(base("<disk type='file'><source file='/x'/><target dev='vda'/><wwn>5000c50015ea71ad</wwn></disk>")), 'domain/devices/disk[1]/wwn');
    expectUnsupported(() => argvOf(base("<disk type='file'><source file='/x'/><target dev='hda'/><wwn>0x12</wwn></disk>")), 'domain/devices/disk[1]/wwn');
    expectUnsupported(() => argvOf(base("<disk type='file'><driver name='qemu' type='qcow2'/><source file='/x'/><target dev='vda'/><encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></disk>")), 'domain/devices/disk[1]/encryption');
  });

  it('refuses interface settings it cannot honour, naming the element and the reason', () => {
    expectUnsupported(() => argvOf(base("<interface type='hostdev' managed='yes'><source><address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x1'/></source></interface>")), 'domain/devices/interface[1]/@type');
    expectUnsupported(() => argvOf(base("<interface type='user'><model type='virtio'/><driver queues='4'/></interface>")), 'domain/devices/interface[1]/driver/@queues');
    expectUnsupported(() => argvOf(base("<interface type='user'><model type='e1000'/><driver packed='on'/></interface>")), 'domain/devices/interface[1]/driver');
    expectUnsupported(() => argvOf(base("<interface type='user'><model type='virtio'/><driver iommu='on'/></interface>")), 'domain/devices/interface[1]/driver/@iommu');
    expectUnsupported(() => argvOf(base("<interface type='user'><ip address='10.0.0.0' prefix='33'/></interface>")), 'domain/devices/interface[1]/ip[1]/@prefix');
    expectUnsupported(() => argvOf(base("<interface type='user'><rom bar='maybe'/></interface>")), 'domain/devices/interface[1]/rom/@bar');
    expectUnsupported(() => argvOf(base("<interface type='udp'><source address='127.0.0.1' port='5555'/></interface>")), 'domain/devices/interface[1]/source');
    expectUnsupported(() => argvOf(base("<interface type='client'><source port='5555'/></interface>")), 'domain/devices/interface[1]/source/@address');
    expectUnsupported(() => argvOf(base("<interface type='server'><source address='127.0.0.1' port='99999'/></interface>")), 'domain/devices/interface[1]/source/@port');
    expectUnsupported(() => argvOf(base("<interface type='vhostuser'><source type='unix' path='/s' mode='client'/><model type='virtio'/></interface>")), 'domain/devices/interface[1]/@type');
  });

  it('refuses host input devices and malformed input and balloon options, naming the element', () => {
    expectUnsupported(() => argvOf(base("<input type='evdev'><source dev='/dev/input/event3'/></input>")), 'domain/devices/input[1]/@type');
    expectUnsupported(() => argvOf(base("<input type='passthrough' bus='virtio'><source evdev='/dev/input/event3'/></input>")), 'domain/devices/input[1]/@type');
    expectUnsupported(() => argvOf(base("<input type='mouse' bus='ps2'><driver ats='on'/></input>")), 'domain/devices/input[1]/driver');
    expectUnsupported(() => argvOf(base("<memballoon model='virtio'><stats period='soon'/></memballoon>")), 'domain/devices/memballoon/stats');
    expectUnsupported(() => argvOf(base("<memballoon model='virtio'><driver iommu='on'/></memballoon>")), 'domain/devices/memballoon/driver/@iommu');
  });

  it('refuses smartcards, redirections and chardevs the host or QEMU cannot serve, naming the element', () => {
    expectUnsupported(() => argvOf(base("<smartcard mode='host'/>")), 'domain/devices/smartcard[1]/@mode');
    expectUnsupported(() => argvOf(base("<smartcard mode='passthrough' type='spicevmc'/>")), 'domain/devices/smartcard[1]/@type');
    expectUnsupported(() => argvOf(base("<redirdev bus='usb' type='spicevmc'/>")), 'domain/devices/redirdev[1]/@type');
    expectUnsupported(() => argvOf(base("<redirdev bus='usb' type='tcp'><source mode='bind' host='127.0.0.1' service='4000'><reconnect enabled='yes' timeout='2'/></source></redirdev>")), 'domain/devices/redirdev[1]/source/reconnect');
    expectUnsupported(() => argvOf(base("<redirdev bus='usb' type='tcp'><source mode='connect' host='127.0.0.1' service='4000'/></redirdev><redirfilter><usbdev vendor='lots' allow='yes'/></redirfilter>")), 'domain/devices/redirfilter/usbdev[1]/@vendor');
    // A full-speed device on an EHCI controller without companions: QEMU refuses the speed mismatch.
    expectUnsupported(() => argvOf(base("<controller type='usb' model='ich9-ehci1'/><input type='tablet' bus='usb'/>")), 'domain/devices/input[1]/address');
    expectUnsupported(() => argvOf(base("<serial type='pty'><target port='0'/><address type='pci' slot='5'/></serial>")), 'domain/devices/serial[1]/address');
    expectUnsupported(() => argvOf(base("<channel type='unix'><source mode='connect' path='/s'><seclabel model='dac' relabel='yes'><label>a:b</label></seclabel></source><target type='virtio'/></channel>")), 'domain/devices/channel[1]/source/seclabel');
  });

  it('refuses host devices, leases and crypto backends the host cannot provide, naming the element and the reason', () => {
    expectUnsupported(() => argvOf(base("<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/></source></hostdev>")), 'vfio-pci');
    expectUnsupported(() => argvOf(base("<hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/></source></hostdev>")), 'domain/devices/hostdev/@type');
    expectUnsupported(() => argvOf(base("<lease><lockspace>a</lockspace><key>b</key><target path='/l'/></lease>")), 'lock manager');
    expectUnsupported(() => argvOf(base("<crypto model='virtio' type='qemu'><backend model='builtin' queues='2'/></crypto>")), 'domain/devices/crypto[1]/backend/@queues');
    expectUnsupported(() => argvOf(base("<crypto model='virtio' type='qemu'><backend model='lkcf'/></crypto>")), 'domain/devices/crypto[1]/backend/@model');
  });

  it("resolves placement='auto' only on a single-node host, and refuses it by name where numad would have to choose", () => {
    const vcpuAuto = base('', "<vcpu placement='auto'>2</vcpu>");
    const memAuto = base('', "<numatune><memory mode='preferred' placement='auto'/></numatune>");
    expect(argvOf(vcpuAuto, { ...QEMU_7_2_CAPS, hostNumaNodes: [0] })).to.include('{"qom-type":"memory-backend-ram","id":"pc.ram","size":67108864,"host-nodes":[0],"policy":"bind"}');
    expect(argvOf(memAuto, { ...QEMU_7_2_CAPS, hostNumaNodes: [1] })).to.include('{"qom-type":"memory-backend-ram","id":"pc.ram","size":67108864,"host-nodes":[1],"policy":"preferred"}');
    expectUnsupported(() => argvOf(vcpuAuto, { ...QEMU_7_2_CAPS, hostNumaNodes: [0, 1] }), "domain/numatune/memory/@placement: placement 'auto' needs numad's advice among this host's 2 NUMA nodes");
    expectUnsupported(() => argvOf(memAuto), "domain/numatune/memory/@placement: placement 'auto' needs numad's advice, and this host's NUMA nodes are unknown");
    const stored = formatDomainXml(canonicalizeDomain(parseDomainXml(vcpuAuto), { ...QEMU_7_2_CAPS, hostNumaNodes: [0] }), { inactive: true });
    expect(stored).to.include("<vcpu placement='auto'>2</vcpu>");
    expect(stored).to.include("<numatune>\n    <memory mode='strict' placement='auto'/>\n  </numatune>");
  });

  it("keeps an optional CPU feature and host-model refused: their answer is the host CPU's, which this driver does not model", () => {
    expectUnsupported(() => argvOf(base('', "<cpu mode='custom'><model>qemu64</model><feature policy='optional' name='sse4a'/></cpu>")), "domain/cpu/feature[@name='sse4a']");
    expectUnsupported(() => argvOf(base('', "<cpu mode='host-model'/>")), 'domain/cpu/@mode');
  });

  it('adds a pci-bridge to a pc machine whose root bus is full, and puts conventional endpoints behind it', () => {
    const nics = Array.from({ length: 31 }, () => "<interface type='user'><model type='e1000'/></interface>").join('');
    const argv = argvOf(base(nics));
    expect(argv).to.include('{"driver":"pci-bridge","chassis_nr":1,"id":"pci.1","bus":"pci.0","addr":"0x2"}');
    // Slots 3..31 of the root bus take the first 29 NICs; the next ones start at slot 1 of the bridge.
    expect(argv.find((a) => a.includes('"id":"net29"'))).to.include('"bus":"pci.1","addr":"0x1"');
    expect(argv.find((a) => a.includes('"id":"balloon0"'))).to.include('"bus":"pci.1","addr":"0x3"');
  });

  it('doubles commas in option strings and passes hostile text as single argv words', () => {
    const name = `evil,name'"$(reboot) ;`;
    const xml = base(`<disk type='file'><source file='/tmp/a,b c.img'/><target dev='vda'/></disk><serial type='file'><source path='/tmp/s,e,rial.log'/></serial>`)
      .replace('<name>t</name>', `<name>${escapeXmlText(name)}</name>`);
    const argv = argvOf(xml);
    expect(argv[argv.indexOf('-name') + 1]).to.equal(`guest=evil,,name'"$(reboot) ;,debug-threads=on`);
    expect(argv).to.include('file,id=charserial0,path=/tmp/s,,e,,rial.log');
    expect(argv.some((a) => a.includes('"filename":"/tmp/a,b c.img"'))).to.equal(true);
    const notMonitor = (a: string) => !a.startsWith('socket,id=charmonitor,');
    expect(shellSplit(domxmlToNative(xml)).filter(notMonitor)).to.deep.equal(argv.filter(notMonitor));
  });

  it('rejects control characters QEMU options cannot carry', () => {
    const def = parseDomainXml(base("<serial type='file'><source path='/tmp/ab'/></serial>"));
    def.devices.serials[0].source!.path = '/tmp/a\nb';
    expectUnsupported(() => buildQemuArgv(def, QEMU_7_2_CAPS, host), 'domain/devices/serial[1]/source/@path');
  });

  it('domxml-from-native refuses options it does not know, with INVALID_ARG', () => {
    for (const line of ['qemu-system-x86_64 -name guest=x -uuid 11111111-2222-4333-8444-555555555555 -m 64 -hda /x', "qemu -device 'not json'", "qemu -name 'unterminated"]) {
      try {
        domxmlFromNative(line);
        expect.fail('accepted');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.INVALID_ARG), String(e)).to.equal(true);
      }
    }
  });
});
