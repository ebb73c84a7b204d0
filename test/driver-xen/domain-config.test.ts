import { expect } from 'chai';
import { DomainState, ErrorCode, isVirtError, parseDomainXml } from '@virtkit/core';
import { domainFromSexpr, domainStateFromSexpr, domainToSexpr, domxmlFromNative, domxmlToNative, formatSexpr, parseMigrationUri, parseSexpr, type RelocationTarget } from '@virtkit/driver-xen';

const PV = `<domain type='xen'>
  <name>web, "1"</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <memory unit='MiB'>512</memory>
  <currentMemory unit='KiB'>300000</currentMemory>
  <vcpu current='3'>4</vcpu>
  <os><type>linux</type><kernel>/boot/vmlinuz</kernel><initrd>/boot/initrd</initrd><cmdline>ro root=/dev/xvda1 console=hvc0</cmdline></os>
  <clock offset='localtime'/>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>preserve</on_crash>
  <devices>
    <disk type='block'><source dev='/dev/vg/web'/><target dev='xvdb'/></disk>
    <disk type='file'><driver name='tap' type='qcow'/><source file='/var/lib/xen/web.qcow'/><target dev='xvda'/></disk>
    <disk type='file' device='cdrom'><source file='/iso/it&apos;s.iso'/><target dev='xvdc'/><readonly/></disk>
    <interface type='bridge'><mac address='00:16:3E:00:00:01'/><source bridge='xenbr0'/><script path='vif-bridge'/><model type='netfront'/></interface>
    <interface type='ethernet'><mac address='00:16:3e:00:00:02'/><ip address='10.0.0.2'/><script path='vif-routed'/><target dev='web-eth1'/></interface>
    <graphics type='vnc' port='5907' listen='127.0.0.1' keymap='de'/>
  </devices>
</domain>`;

const HVM = `<domain type='xen'>
  <name>win</name>
  <uuid>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</uuid>
  <memory>1048576</memory>
  <vcpu>2</vcpu>
  <os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader><boot dev='cdrom'/><boot dev='hd'/></os>
  <features><pae/><acpi/><apic/></features>
  <clock offset='variable' adjustment='3600' basis='localtime'/>
  <devices>
    <emulator>/usr/lib/xen/bin/qemu-dm</emulator>
    <disk type='file' device='cdrom'><source file='/iso/win.iso'/><target dev='hdc'/></disk>
    <disk type='block'><driver name='phy'/><source dev='/dev/sdb'/><target dev='hda'/><shareable/></disk>
    <interface type='bridge'><mac address='00:16:3e:00:00:03'/><source bridge='xenbr1'/><model type='e1000'/></interface>
    <serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><target port='0'/></serial>
    <serial type='file'><source path='/var/log/win.log'/><target port='1'/></serial>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' autoport='yes'/>
  </devices>
</domain>`;

describe('driver-xen: domain XML ↔ xend S-expression', () => {
  it('formats a PV guest as the (vm …) config xend takes', () => {
    expect(domxmlToNative(PV)).to.equal(
      `(vm (name 'web, "1"') (memory 293) (maxmem 512) (vcpus 4) (vcpu_avail 7) (uuid 11111111-2222-3333-4444-555555555555) ` +
      `(on_poweroff destroy) (on_reboot restart) (on_crash preserve) ` +
      `(image (linux (kernel /boot/vmlinuz) (ramdisk /boot/initrd) (args 'ro root=/dev/xvda1 console=hvc0') (localtime 1))) (localtime 1) ` +
      `(device (tap (dev xvda) (uname tap:qcow:/var/lib/xen/web.qcow) (mode w))) ` +
      `(device (vbd (dev xvdb) (uname phy:/dev/vg/web) (mode w))) ` +
      `(device (vbd (dev xvdc:cdrom) (uname "file:/iso/it's.iso") (mode r))) ` +
      `(device (vif (mac 00:16:3e:00:00:01) (bridge xenbr0) (script vif-bridge) (type netfront))) ` +
      `(device (vif (mac 00:16:3e:00:00:02) (script vif-routed) (ip 10.0.0.2) (vifname web-eth1))) ` +
      `(device (vkbd)) (device (vfb (type vnc) (vncunused 0) (vncdisplay 7) (vnclisten 127.0.0.1) (keymap de))))`,
    );
  });

  it('formats an HVM guest: loader, boot order, features, device model, serial ports, clock', () => {
    expect(domxmlToNative(HVM)).to.equal(
      `(vm (name win) (memory 1024) (maxmem 1024) (vcpus 2) (uuid aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee) ` +
      `(on_poweroff destroy) (on_reboot restart) (on_crash destroy) ` +
      `(image (hvm (kernel /usr/lib/xen/boot/hvmloader) (vcpus 2) (boot dc) (acpi 1) (apic 1) (pae 1) (usb 1) (usbdevice tablet) ` +
      `(parallel none) (serial ('tcp:127.0.0.1:4555,server,nowait' file:/var/log/win.log)) (device_model /usr/lib/xen/bin/qemu-dm) ` +
      `(vnc 1) (vncunused 1) (rtc_timeoffset 3600) (localtime 1))) (localtime 1) ` +
      `(device (vbd (dev hda:disk) (uname phy:/dev/sdb) (mode 'w!'))) ` +
      `(device (vbd (dev hdc:cdrom) (uname file:/iso/win.iso) (mode r))) ` +
      `(device (vif (mac 00:16:3e:00:00:03) (bridge xenbr1) (model e1000))))`,
    );
  });

  it('reads a running PV guest description back into domain XML', () => {
    const def = domainFromSexpr(parseSexpr(
      `(domain (domid 7) (uuid 11111111222233334444555555555555) (vcpus 4) (vcpu_avail '3') (name pv1) (memory 256) (maxmem 512) ` +
      `(on_poweroff destroy) (on_crash coredump-restart) (bootloader /usr/bin/pygrub) (bootloader_args '-q') ` +
      `(image (linux (kernel /k) (root /dev/xvda1) (args quiet))) (status 2) (state r-----) ` +
      `(device (vif (bridge xenbr0) (mac 00:16:3E:AA:BB:CC) (script vif-bridge))) ` +
      `(device (vbd (uname file:/img/a) (dev xvdb) (mode r))) (device (vbd (uname phy:/dev/sdz) (dev xvda) (mode w) (bootable 1))) ` +
      `(device (vfb (type vnc) (vncunused 1) (vncpasswd secret))))`,
    ));
    expect(def.id).to.equal(7);
    expect(def.uuid).to.equal('11111111-2222-3333-4444-555555555555');
    expect(def.memory.kib).to.equal(512 * 1024);
    expect(def.currentMemory?.kib).to.equal(256 * 1024);
    expect(def.vcpu).to.deep.equal({ count: 4, current: 2 });
    expect(def.os).to.deep.include({ type: 'linux', kernel: '/k', cmdline: 'root=/dev/xvda1 quiet' });
    expect([def.onPoweroff, def.onReboot, def.onCrash]).to.deep.equal(['destroy', 'restart', 'coredump-restart']);
    expect(def.devices.disks.map((d) => [d.target.dev, d.type, d.sourcePath, d.readonly])).to.deep.equal([['xvda', 'block', '/dev/sdz', false], ['xvdb', 'file', '/img/a', true]]);
    expect(def.devices.interfaces[0]).to.deep.include({ type: 'bridge', mac: '00:16:3e:aa:bb:cc', targetDev: 'vif7.0', source: { bridge: 'xenbr0' } });
    expect(def.devices.graphics).to.deep.equal([{ type: 'vnc', attrs: { port: '-1', autoport: 'yes' } }]);
    expect(def.devices.consoles[0].target).to.deep.equal({ type: 'xen', port: '0' });
    const xml = domxmlFromNative(formatSexpr(domainToSexpr(def)));
    expect(xml).to.contain('<bootloader>/usr/bin/pygrub</bootloader>').and.contain('<bootloader_args>-q</bootloader_args>');
    expect(domainFromSexpr(parseSexpr(formatSexpr(domainToSexpr(def))), { secure: true }).devices.graphics[0].attrs.passwd).to.equal(undefined);
    expect(domainFromSexpr(parseSexpr('(vm (name a) (uuid 11111111222233334444555555555555) (device (vfb (type vnc) (vncpasswd s))))'), { secure: true }).devices.graphics[0].attrs.passwd).to.equal('s');
  });

  it('round-trips both sample guests without losing anything xend keeps', () => {
    for (const xml of [PV, HVM]) {
      const once = domxmlFromNative(domxmlToNative(xml));
      expect(domxmlToNative(once)).to.equal(domxmlToNative(xml));
      expect(parseDomainXml(once).name).to.equal(parseDomainXml(xml).name);
    }
    const hvm = parseDomainXml(domxmlFromNative(domxmlToNative(HVM)));
    expect(hvm.os.boot).to.deep.equal(['cdrom', 'hd']);
    expect(hvm.clock?.extras?.attrs).to.deep.equal({ adjustment: '3600', basis: 'localtime' });
    expect(hvm.devices.serials.map((s) => s.type)).to.deep.equal(['tcp', 'file']);
    expect(hvm.devices.serials[0].source).to.deep.equal({ mode: 'bind', host: '127.0.0.1', service: '4555' });
    expect(hvm.devices.disks[0]).to.deep.include({ shareable: true, type: 'block' });
  });

  it('accepts a PV guest with a bootloader and no <os>', () => {
    expect(domxmlToNative(`<domain type='xen'><name>b</name><uuid>11111111-2222-3333-4444-555555555555</uuid><bootloader/><memory>65536</memory></domain>`))
      .to.equal('(vm (name b) (memory 64) (maxmem 64) (vcpus 1) (uuid 11111111-2222-3333-4444-555555555555) (bootloader) (on_poweroff destroy) (on_reboot restart) (on_crash destroy) (image (linux (localtime 0))) (localtime 0))');
  });

  it('refuses what xend cannot express with CONFIG_UNSUPPORTED', () => {
    const base = (devices: string, os = '<os><type>linux</type></os>') => `<domain type='xen'><name>x</name><memory>65536</memory>${os}<devices>${devices}</devices></domain>`;
    for (const xml of [
      base(`<interface type='network'><source network='default'/></interface>`),
      base(`<interface type='user'/>`),
      base('', '<os><type>exe</type></os>'),
      base('', '<os><type>hvm</type></os>'),
      base(`<graphics type='spice'/>`),
      base(`<disk type='network' device='disk'><source protocol='nbd' name='x'><host name='h'/></source><target dev='xvda'/></disk>`),
      base(`<serial type='spicevmc'/>`, `<os><type>hvm</type><loader>/l</loader></os>`),
    ]) {
      try {
        domxmlToNative(xml);
        expect.fail(`accepted ${xml}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED), String(e)).to.equal(true);
      }
    }
  });

  it('refuses descriptions without name or uuid, or with bad numbers', () => {
    for (const text of ['(domain (uuid 11111111222233334444555555555555))', '(domain (name a))', '(domain (name a) (uuid nope))', '(domain (name a) (uuid 11111111222233334444555555555555) (memory lots))', '(node (name a))', "(domain (name 'a/b') (uuid 11111111222233334444555555555555))"]) {
      expect(() => domxmlFromNative(text), text).to.throw(/xend domain description/);
    }
  });
});

describe('driver-xen: domain state from xend', () => {
  const state = (fields: string) => domainStateFromSexpr(parseSexpr(`(domain (name x) ${fields})`));

  const cases: Array<[string, string, DomainState]> = [
    // The first of c, s, d, p, b, r present in the state letters.
    ['running', '(domid 3) (state r-----)', DomainState.RUNNING],
    ['blocked', '(domid 3) (state -b----)', DomainState.BLOCKED],
    ['paused', '(domid 3) (state --p---)', DomainState.PAUSED],
    ['s before b', '(domid 3) (state -b-s--)', DomainState.SHUTOFF],
    ['c before r', '(domid 3) (state r---c-)', DomainState.CRASHED],
    ['dying', '(domid 3) (state -----d)', DomainState.SHUTDOWN],
    // Without letters, the status number; without either, whether the domain has an id.
    ['status halted', '(status 0)', DomainState.SHUTOFF],
    ['status paused', '(domid 4) (status 1)', DomainState.PAUSED],
    ['status running', '(domid 4) (status 2)', DomainState.RUNNING],
    ['status shutting down', '(domid 4) (status 4)', DomainState.SHUTDOWN],
    ['status crashed', '(domid 4) (status 5)', DomainState.CRASHED],
    ['nothing, inactive', '', DomainState.SHUTOFF],
    ['nothing, active', '(domid 4)', DomainState.NOSTATE],
  ];
  for (const [what, fields, expected] of cases) {
    it(`${what}: ${fields || '(no fields)'} → ${DomainState[expected]}`, () => {
      expect(state(fields)).to.equal(expected);
    });
  }
});

describe('driver-xen: migration URIs', () => {
  const accepted: Array<[string, RelocationTarget]> = [
    ['xenmigr://dest', { host: 'dest', port: 0 }],
    ['xenmigr://dest:8002', { host: 'dest', port: 8002 }],
    ['XenMigr://dest:8002/', { host: 'dest', port: 8002 }],
    ['xenmigr://10.0.0.2:8002/ignored/path', { host: '10.0.0.2', port: 8002 }],
    ['xenmigr://[fe80::1]:8002', { host: 'fe80::1', port: 8002 }],
    ['dest:8002', { host: 'dest', port: 8002 }],
    ['dest', { host: 'dest', port: 0 }],
    ['[::1]:8002', { host: '::1', port: 8002 }],
  ];
  for (const [uri, target] of accepted) {
    it(`reads ${uri}`, () => expect(parseMigrationUri(uri)).to.deep.equal(target));
  }

  const refused: Array<[string, RegExp]> = [
    ['tcp://dest:8002', /only xenmigr/],
    ['xenmigr+tcp://dest', /only xenmigr/],
    ['xenmigr://', /no host/],
    ['xenmigr:///path', /no host/],
    ['xenmigr://dest:99999', /bad port/],
    ['dest:port', /bad port/],
    ['dest/x', /invalid host/],
    ['user@dest', /invalid host/],
    ['xenmigr://dest?x=1', /invalid host/],
    ['de st', /malformed/],
  ];
  for (const [uri, message] of refused) {
    it(`refuses ${uri}`, () => {
      let error: unknown;
      try {
        parseMigrationUri(uri);
      } catch (e) {
        error = e;
      }
      expect(isVirtError(error, ErrorCode.INVALID_ARG), String(error)).to.equal(true);
      expect((error as Error).message).to.match(message);
    });
  }
});
