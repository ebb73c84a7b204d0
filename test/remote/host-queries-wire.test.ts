import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DriverRole, hasDomainGuestRole, hasDomainInfoRole, hasDomainPinningRole, hasHostInfoRole, type DriverConnection } from '@virtkit/core';
import { decodeWith, encodeMessage, encodeWith, MessageStatus, Proc, remoteError } from '@virtkit/remote';
import { header } from './helpers/frame-fuzzer.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { RawPeer } from './helpers/raw-peer.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

/**
 * Each line is one call of libvirt's Python binding on test:///default: its
 * name, then its result or libvirt's error (code, domain, message) as JSON.
 * `mask` replaces the counters libvirt's test driver makes up from the time
 * of day (every integer above 10^12) by their type, so the layout and every
 * other value are still compared.
 */
const SCRIPT = String.raw`
import libvirt, sys, json
c = libvirt.open(sys.argv[1])
d = c.lookupByName('test')
def mask(v):
    if isinstance(v, bool): return v
    if isinstance(v, int): return 'int' if v > 10**12 else v
    if isinstance(v, (list, tuple)): return [mask(x) for x in v]
    return v
def t(name, f, masked=False):
    try:
        r = f()
        if masked: r = mask(r)
    except libvirt.libvirtError as e:
        r = {'error': [e.get_error_code(), e.get_error_domain(), e.get_error_message()]}
    print(name, json.dumps(r, sort_keys=True))
t('listNetworks', c.listNetworks)
t('listDefinedNetworks', c.listDefinedNetworks)
t('numOfNetworks', c.numOfNetworks)
t('numOfDefinedNetworks', c.numOfDefinedNetworks)
t('listStoragePools', c.listStoragePools)
t('listDefinedStoragePools', c.listDefinedStoragePools)
t('numOfStoragePools', c.numOfStoragePools)
t('numOfDefinedStoragePools', c.numOfDefinedStoragePools)
t('isSecure', c.isSecure)
t('maxMemory', d.maxMemory)
t('maxVcpus', d.maxVcpus)
t('memoryStats', d.memoryStats)
t('nodedevParent', lambda: c.nodeDeviceLookupByName('computer').parent())
t('nodedevParentOfChild', lambda: c.nodeDeviceLookupByName('scsi_host1').parent())
t('nodedevParentMissing', lambda: c.nodeDeviceLookupByName('nosuch').parent())
t('getMaxVcpus', lambda: c.getMaxVcpus(None))
t('getSysinfo', lambda: c.getSysinfo(0))
t('getSysinfoFlags', lambda: c.getSysinfo(1))
t('getFreeMemory', c.getFreeMemory)
t('getCellsFreeMemory', lambda: c.getCellsFreeMemory(0, 8))
t('getCellsFreeMemory1', lambda: c.getCellsFreeMemory(1, 8))
t('getCellsFreeMemoryPast', lambda: c.getCellsFreeMemory(2, 8))
t('getCPUStats', lambda: c.getCPUStats(-1))
t('getCPUStatsFlags', lambda: c.getCPUStats(0, 1))
t('getCPUMap', c.getCPUMap)
t('getFreePages', lambda: c.getFreePages([4, 2048], 0, 2))
t('vcpus', d.vcpus, True)
t('vcpuPinInfo', lambda: d.vcpuPinInfo(0))
t('vcpuPinInfoConfig', lambda: d.vcpuPinInfo(2))
t('emulatorPinInfo', d.emulatorPinInfo)
t('isUpdated', d.isUpdated)
t('controlInfo', d.controlInfo)
t('controlInfoFlags', lambda: d.controlInfo(1))
t('blockInfo', lambda: d.blockInfo('vda'))
t('blockInfoBySource', lambda: d.blockInfo('/guest/diskimage1'))
t('blockInfoMissing', lambda: d.blockInfo('vdz'))
t('diskErrors', d.diskErrors)
t('hostname', d.hostname)
t('hostnameFlags', lambda: d.hostname(1))
t('fsInfo', d.fsInfo)
t('ioThreadInfo', d.ioThreadInfo)
t('domainCPUStatsTotal', lambda: d.getCPUStats(True))
t('domainCPUStatsPerCpu', lambda: d.getCPUStats(False))
t('launchSecurityInfo', d.launchSecurityInfo)
t('injectNMI', lambda: d.injectNMI(0))
t('injectNMIFlags', lambda: d.injectNMI(1))
t('sendProcessSignal', lambda: d.sendProcessSignal(1, 15, 0))
t('sendProcessSignalPid2', lambda: d.sendProcessSignal(2, 15, 0))
t('sendProcessSignal99', lambda: d.sendProcessSignal(1, 99, 0))
t('setUserPassword', lambda: d.setUserPassword('root', 'secret', 0))
t('setUserPasswordFlags', lambda: d.setUserPassword('root', 'secret', 2))
t('fsTrim', lambda: d.fSTrim(None, 0, 0))
t('fsTrimBoot', lambda: d.fSTrim('/boot', 0, 0))
t('fsTrimUnknown', lambda: d.fSTrim('/srv', 0, 0))
t('fsFreezeAll', lambda: d.fsFreeze(None, 0))
t('fsFreezeRootAgain', lambda: d.fsFreeze(['/'], 0))
t('fsThawBoot', lambda: d.fsThaw(['/boot'], 0))
t('fsThawAll', lambda: d.fsThaw(None, 0))
t('fsFreezeUnknown', lambda: d.fsFreeze(['/srv'], 0))
t('fsFreezeRoot', lambda: d.fsFreeze(['/'], 0))
t('fsThawBoth', lambda: d.fsThaw(['/', '/boot'], 0))
t('pinVcpu', lambda: d.pinVcpu(1, (True, False, True)))
t('pinVcpuFlags', lambda: d.pinVcpuFlags(0, (False, True), 0))
t('pinVcpuFlagsConfig', lambda: d.pinVcpuFlags(0, (False, True), 2))
t('pinVcpuMissing', lambda: d.pinVcpuFlags(5, (False, True), 0))
t('vcpusPinned', d.vcpus, True)
t('vcpuPinInfoPinned', lambda: d.vcpuPinInfo(0))
t('pinEmulator', lambda: d.pinEmulator((False, False, True, True), 0))
t('pinEmulatorEmpty', lambda: d.pinEmulator((False, False), 0))
t('emulatorPinInfoPinned', d.emulatorPinInfo)
t('emulatorPinInfoConfig', lambda: d.emulatorPinInfo(2))
t('pinEmulatorConfig', lambda: d.pinEmulator((True,), 2))
t('emulatorPinInfoConfigPinned', lambda: d.emulatorPinInfo(2))
x = c.createXMLWithFiles("<domain type='test'><name>vka-files</name><memory>1024</memory><os><type>hvm</type></os></domain>", [], 0)
t('createXMLWithFiles', lambda: [x.name(), x.isActive(), x.isPersistent()])
x.destroy()
y = c.defineXML("<domain type='test'><name>vka-files2</name><memory>1024</memory><os><type>hvm</type></os></domain>")
t('createWithFiles', lambda: y.createWithFiles([], 0))
t('createWithFilesActive', y.isActive)
y.destroy()
y.undefine()
for secs in (5, 20005, 30007, 627319920):
    d.setTime({'seconds': secs, 'nseconds': 0})
    t('time%d' % secs, d.getTime)
    t('controlInfo%d' % secs, d.controlInfo)
n = c.networkDefineXML("<network><name>vka-defined</name><bridge name='vkabr0'/></network>")
p = c.storagePoolDefineXML("<pool type='dir'><name>vka-pool</name><target><path>/vka-pool</path></target></pool>")
t('listDefinedNetworksAfterDefine', c.listDefinedNetworks)
t('numOfDefinedNetworksAfterDefine', c.numOfDefinedNetworks)
t('listDefinedStoragePoolsAfterDefine', c.listDefinedStoragePools)
t('numOfDefinedStoragePoolsAfterDefine', c.numOfDefinedStoragePools)
n.undefine()
p.undefine()
d.destroy()
t('maxVcpusShutOff', d.maxVcpus)
t('maxMemoryShutOff', d.maxMemory)
for name, f in [('vcpus', d.vcpus), ('controlInfo', d.controlInfo), ('blockInfo', lambda: d.blockInfo('vda')), ('diskErrors', d.diskErrors), ('hostname', d.hostname),
                ('fsInfo', d.fsInfo), ('emulatorPinInfo', d.emulatorPinInfo), ('vcpuPinInfo', lambda: d.vcpuPinInfo(0)), ('ioThreadInfo', d.ioThreadInfo),
                ('domainCPUStatsTotal', lambda: d.getCPUStats(True)), ('launchSecurityInfo', d.launchSecurityInfo), ('isUpdated', d.isUpdated),
                ('injectNMI', lambda: d.injectNMI(0)), ('sendProcessSignal', lambda: d.sendProcessSignal(1, 15, 0)), ('setUserPassword', lambda: d.setUserPassword('root', 'x', 0)),
                ('fsTrim', lambda: d.fSTrim(None, 0, 0)), ('fsFreeze', lambda: d.fsFreeze(None, 0)), ('pinVcpu', lambda: d.pinVcpu(0, (True,))),
                ('emulatorPinInfoAfterStop', d.emulatorPinInfo), ('vcpuPinInfoAfterStop', lambda: d.vcpuPinInfo(0))]:
    t(name + 'ShutOff', f)
d.create()
`;

/** Whole lines from both daemons, by call name. */
function byName(out: string): Map<string, string> {
  return new Map(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
}

describe('remote: host and domain queries beyond the life cycle, as libvirtd 9.0 answers them on test:///default', function () {
  this.timeout(120000);
  let libvirtd: Libvirtd;
  let virtkitd: Virtkitd;

  before(async function () {
    if (!(await run(PYTHON, ['-c', 'import libvirt']).then(() => true, () => false))) this.skip();
    libvirtd = await startLibvirtd();
    virtkitd = await startVirtkitd('', { verbose: false });
  });
  after(async () => {
    await virtkitd?.stop();
    await libvirtd?.stop();
  });

  it('python3-libvirt gets the same answer from both daemons, call by call', async () => {
    const ask = async (uri: string) => byName((await run(PYTHON, ['-c', SCRIPT, uri])).stdout);
    const expected = await ask(libvirtd.testUri);
    const got = await ask(virtkitd.uri());
    expect([...got.keys()]).to.deep.equal([...expected.keys()]);
    for (const [name, line] of expected) expect(`${name} ${got.get(name)}`).to.equal(`${name} ${line}`);
    // What the comparison covers, as libvirtd says it.
    expect(expected.get('numOfNetworks')).to.equal('1');
    expect(expected.get('listDefinedNetworksAfterDefine')).to.equal('["vka-defined"]');
    expect(expected.get('nodedevParent')).to.equal('null');
    expect(expected.get('nodedevParentMissing')).to.contain('"error": [53,');
    expect(expected.get('maxVcpusShutOff')).to.contain('"error": [55,');
    expect(expected.get('controlInfo30007')).to.equal('[3, 3, 7]');
    expect(expected.get('fsInfo')).to.equal('[["/", "vda1", "ext4", ["vda"]], ["/boot", "vda2", "ext4", ["vda"]]]');
    expect(expected.get('vcpus')).to.contain('"int"');
    expect(expected.get('fsThawBoot')).to.equal('1');
    expect(expected.get('createWithFilesActive')).to.equal('1');
  });

  it('answers the calls that need a file descriptor with the error libvirtd sends when none comes', async () => {
    const ask = async (socket: string) => {
      const raw = await RawPeer.connect(socket);
      try {
        await raw.open();
        raw.call(Proc.DOMAIN_LOOKUP_BY_NAME.proc, 1, encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name: 'test' }));
        const { dom } = decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.ret, (await raw.reply(1)).body, 'dom');
        const calls: Array<[string, number, Buffer]> = [
          ['DOMAIN_OPEN_GRAPHICS', Proc.DOMAIN_OPEN_GRAPHICS.proc, encodeWith(Proc.DOMAIN_OPEN_GRAPHICS.args, { dom, idx: 0, flags: 0 })],
          ['DOMAIN_FD_ASSOCIATE', Proc.DOMAIN_FD_ASSOCIATE.proc, encodeWith(Proc.DOMAIN_FD_ASSOCIATE.args, { dom, name: 'fds', flags: 0 })],
        ];
        const out: Record<string, unknown> = {};
        let serial = 10;
        for (const [name, proc, body] of calls) {
          const h = header({ proc, serial: serial++ });
          raw.socket.write(encodeMessage(h, body));
          const r = await raw.reply(h.serial);
          expect(r.header.status, name).to.equal(MessageStatus.ERROR);
          const e = decodeWith(remoteError, r.body, 'error');
          out[name] = [e.code, e.domain, e.message];
        }
        return out;
      } finally {
        raw.end();
      }
    };
    const expected = await ask(libvirtd.socket);
    expect(await ask(virtkitd.socket)).to.deep.equal(expected);
    expect(expected.DOMAIN_OPEN_GRAPHICS).to.deep.equal([1, 7, 'internal error: No FD available at slot 0']);
  });

  it("virtkit's client learns the new roles from either daemon and gets the same answers through them", async () => {
    const virt = await remoteVirt();
    try {
      const ask = async (uri: string) => {
        const conn = await virt.connect(uri);
        try {
          const c: DriverConnection = conn.live();
          const roles = [DriverRole.HOST_INFO, DriverRole.DOMAIN_INFO, DriverRole.DOMAIN_PINNING, DriverRole.DOMAIN_GUEST].filter((r) => c.features.has(r));
          if (!hasHostInfoRole(c) || !hasDomainInfoRole(c) || !hasDomainPinningRole(c) || !hasDomainGuestRole(c)) return { roles };
          const dom = await c.lookupByName('test');
          const stats = await c.domainGetCpuStats(dom, 0, 2, 0);
          await c.pinEmulator(dom, [true, false, true], 0);
          const pinned = await c.domainGetEmulatorPinInfo(dom, 0);
          await c.pinEmulator(dom, new Array<boolean>(16).fill(true), 0);
          return {
            roles,
            free: await c.nodeGetFreeMemory(),
            cells: await c.nodeGetCellsFreeMemory(0, 4),
            cpuStats: await c.nodeGetCpuStats(-1, 0),
            cpuMap: await c.nodeGetCpuMap(0),
            maxVcpus: await c.getMaxVcpus(undefined),
            sysinfo: await c.getSysinfo(0),
            hostname: await c.domainGetHostname(dom, 0),
            fsInfo: await c.domainGetFsInfo(dom, 0),
            diskErrors: await c.domainGetDiskErrors(dom, 0),
            blockInfo: await c.domainGetBlockInfo(dom, 'vda', 0),
            control: await c.domainGetControlInfo(dom, 0),
            vcpuPins: await c.domainGetVcpuPinInfo(dom, 4, 0),
            cpuStats2: stats,
            pinned,
            frozen: await c.fsFreeze(dom, [], 0),
            thawed: await c.fsThaw(dom, ['/boot'], 0),
            rest: await c.fsThaw(dom, [], 0),
          };
        } finally {
          await conn.close();
        }
      };
      const expected = await ask(libvirtd.testUri);
      expect(expected.roles).to.have.length(4);
      expect(await ask(virtkitd.uri())).to.deep.equal(expected);
    } finally {
      await virt.dispose();
    }
  });
});
