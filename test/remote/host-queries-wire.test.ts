import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

/**
 * Each line is one call of libvirt's Python binding on test:///default: its
 * name, then its result or libvirt's error (code, domain, message) as JSON.
 * `mask` replaces what libvirt's test driver makes up from the time of day
 * by its type, so the layout is still compared.
 */
const SCRIPT = String.raw`
import libvirt, sys, json
c = libvirt.open(sys.argv[1])
d = c.lookupByName('test')
def mask(v):
    if isinstance(v, bool): return v
    if isinstance(v, int): return 'int'
    if isinstance(v, list): return [mask(x) for x in v]
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
  });
});
