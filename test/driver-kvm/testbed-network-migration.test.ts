import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ensureNetworkGuest } from './support/guest.js';
import { guestXml } from './support/hosts.js';
import { twoHostTestbed, type TestbedHost } from './support/testbed.js';
import { waitFor } from './support/wait.js';

const GUEST = 'vkn-languest';
const MAC = '52:54:00:aa:bb:27';
/** The LAN's router: the DHCP server every host's bridged guests reach, in the LAN namespace. */
const ROUTER = '10.213.0.254';
const LAN_NETWORK = "<network><name>lan</name><forward mode='bridge'/><bridge name='br0'/></network>";

/** The network test guest on each host's network 'lan'. */
const lanGuestXml = async (serialLog: string) => guestXml({
  name: GUEST,
  memoryMiB: 192,
  serialLog,
  guest: await ensureNetworkGuest(),
  devices: `<interface type='network'><mac address='${MAC}'/><source network='lan'/><model type='virtio'/></interface>`,
});

/** The tap names a host's namespace has. */
async function taps(host: TestbedHost): Promise<string[]> {
  return (JSON.parse(await host.exec('ip', ['-j', 'link', 'show'])) as Array<{ ifname: string }>).map((l) => l.ifname).filter((n) => /^vnet\d+$/.test(n));
}

/**
 * Two namespaced hosts whose guests are bridged onto one L2 segment, as
 * libvirt users set it up: each host's link to the LAN is a port of a host
 * bridge (br0) and each host has the network 'lan' with
 * `<forward mode='bridge'/>` on it. The LAN's router (dnsmasq in the LAN
 * namespace, a third one) leases the guest its address; after a live
 * peer-to-peer migration the destination attaches the guest to its own
 * 'lan', and the same address answers from the LAN.
 */
describe("live migration on one L2 segment: the guest keeps its address (test bed, bridge-mode network 'lan' on each host)", function () {
  this.timeout(600_000);
  let a: TestbedHost;
  let b: TestbedHost;
  let router: ChildProcess | undefined;
  let leases: string;
  const bed = twoHostTestbed('vkn', { hostBridge: 'br0' });
  const virsh = (host: TestbedHost, ...args: string[]) => a.exec('virsh', ['-c', host.uri(), ...args]);
  const lan = () => bed.bed().lan;

  before(async function () {
    [a, b] = bed.hosts();
    const dir = bed.bed().dir;
    leases = path.join(dir, 'router.leases');
    await lan().exec('ip', ['addr', 'add', `${ROUTER}/24`, 'dev', 'br0']);
    router = spawn('ip', ['netns', 'exec', lan().name, 'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--port=0', '--user=root', '--group=root',
      '--interface=br0', '--bind-interfaces', '--except-interface=lo', '--pid-file', `--dhcp-leasefile=${leases}`,
      '--dhcp-range=10.213.0.100,10.213.0.150,255.255.255.0,1h', `--dhcp-option=3,${ROUTER}`], { stdio: 'ignore' });
    const file = path.join(dir, 'lan.xml');
    await fs.writeFile(file, LAN_NETWORK);
    await virsh(a, `net-define ${file}; net-start lan`);
  });

  after(async () => {
    router?.kill('SIGKILL');
  });

  /** The guest's lease from the LAN's router: its address. */
  const leased = () => waitFor('a lease from the LAN router', async () => {
    const line = (await fs.readFile(leases, 'utf8').catch(() => '')).split('\n').find((l) => l.split(' ')[1] === MAC);
    return line?.split(' ')[2];
  }, 240_000);

  /** ping and HTTP from the LAN namespace, neither host. */
  async function answersFromLan(address: string): Promise<void> {
    await waitFor(`${address} to answer ping from the LAN`, async () => ((await lan().tryExec('ping', ['-c', '1', '-W', '2', address])).ok ? true : undefined), 60_000);
    const page = await waitFor(`the guest's web server at ${address}`, async () => {
      const r = await lan().tryExec('curl', ['-s', '--max-time', '5', `http://${address}/`]);
      return r.ok && r.stdout.includes('virtkit-guest') ? r.stdout : undefined;
    }, 60_000);
    expect(page).to.include('virtkit-guest');
  }

  /** The LAN switch's port the guest's MAC was last seen on: h0 for host A, h1 for host B. */
  async function switchPort(): Promise<string | undefined> {
    const fdb = JSON.parse(await lan().exec('bridge', ['-j', 'fdb', 'show', 'br', 'br0'])) as Array<{ mac: string; ifname: string }>;
    return fdb.find((e) => e.mac === MAC)?.ifname;
  }

  it("the guest on A takes a lease on the LAN, is refused by a destination without network 'lan', and after the migration to B answers on the same address", async () => {
    const serial = `/var/log/virtkit/${GUEST}.serial`;
    const file = path.join(a.root, `${GUEST}.xml`);
    await fs.writeFile(file, await lanGuestXml(serial));
    await virsh(a, `define ${file}; start ${GUEST}`);
    const live = await virsh(a, 'dumpxml', GUEST);
    expect(live).to.include("<source network='lan' bridge='br0'/>");
    const [tapA] = await taps(a);
    expect(await a.exec('ip', ['link', 'show', 'dev', tapA!])).to.include('master br0');

    const address = await leased();
    expect(address).to.match(/^10\.213\.0\.1\d\d$/);
    await waitFor('the guest to reach the LAN router', async () => ((await fs.readFile(a.outside(serial), 'utf8').catch(() => '')).includes('gateway=reached') ? true : undefined), 60_000);
    await answersFromLan(address);
    expect(await switchPort()).to.equal('h0');

    // B has no network 'lan' yet: Prepare refuses the guest, which runs on on A, still reachable.
    const migrate = () => virsh(a, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', GUEST, b.uri());
    const refused = await migrate().then(() => '', (e: { stderr: string }) => e.stderr);
    expect(refused).to.contain("Network not found: no network with matching name 'lan'");
    expect((await virsh(a, 'domstate', GUEST)).trim()).to.equal('running');
    expect(await virsh(b, 'list', '--all', '--name')).to.not.contain(GUEST);
    expect(await taps(b)).to.deep.equal([]);
    await answersFromLan(address);

    const netFile = path.join(b.root, 'lan.xml');
    await fs.writeFile(netFile, LAN_NETWORK);
    await virsh(b, `net-define ${netFile}; net-start lan`);
    await migrate();

    expect((await virsh(b, 'domstate', GUEST)).trim()).to.equal('running');
    expect(await virsh(a, 'list', '--all', '--name')).to.not.contain(GUEST);
    // B attached the guest to its own 'lan': a tap of B's on B's bridge; A's tap is gone.
    expect(await virsh(b, 'dumpxml', GUEST)).to.include("<source network='lan' bridge='br0'/>");
    const [tapB] = await taps(b);
    expect(tapB, 'a tap on B').to.be.a('string');
    expect(await b.exec('ip', ['link', 'show', 'dev', tapB!])).to.include('master br0');
    await waitFor("A's tap to go", async () => ((await taps(a)).length === 0 ? true : undefined), 30_000);

    // The same address answers, now through B's link (QEMU's announce moved the MAC on the LAN switch).
    await answersFromLan(address);
    expect(await switchPort()).to.equal('h1');
    // The guest kept its lease: it runs on (B's serial log) with the same address and asked for no new one.
    await waitFor('the guest to print its address on B', async () => ((await fs.readFile(b.outside(serial), 'utf8').catch(() => '')).includes(`net=${address}/24`) ? true : undefined), 30_000);
    const lines = (await fs.readFile(leases, 'utf8')).split('\n').filter((l) => l.split(' ')[1] === MAC);
    expect(lines).to.have.length(1);
    expect((await fs.readFile(b.outside(serial), 'utf8'))).to.not.include('lease=');

    await virsh(b, 'destroy', GUEST);
    await virsh(b, 'undefine', GUEST);
    expect(await taps(b)).to.deep.equal([]);
    // A network on an existing host bridge never removes the bridge: B stays on the LAN.
    await virsh(b, 'net-destroy', 'lan');
    expect(await b.exec('ip', ['link', 'show', 'dev', 'br0'])).to.include('UP');
    expect((await b.netns.tryExec('ping', ['-c', '1', '-W', '2', ROUTER])).ok).to.equal(true);
  });
});
