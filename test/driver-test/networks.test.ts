import { expect } from 'chai';
import { ErrorCode, ListNetworksFlags, NetworkUpdateCommand, NetworkUpdateFlags, NetworkUpdateSection, Virt, isVirtError, silentLogger } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

describe('driver-test networks (in memory)', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('test:///default has libvirt\'s running default network; an empty host has none', async () => {
    const conn = await virt.connect('test:///default');
    const [net] = await conn.listAllNetworks();
    expect([net.name, await net.isActive(), await net.isPersistent(), await net.getAutostart(), await net.getBridgeName()]).to.deep.equal(['default', true, true, false, 'virbr0']);
    expect(await (await virt.connect('test:///empty-nets?empty=1')).listAllNetworks()).to.deep.equal([]);
  });

  it('defines, starts, updates, stops and undefines; a transient network goes when it stops', async () => {
    const conn = await virt.connect('test:///nets');
    const xml = "<network><name>lab</name><bridge name='br9'/><ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.10' end='10.9.0.20'/></dhcp></ip></network>";
    const net = await conn.defineNetwork(xml);
    expect((await conn.listAllNetworks(ListNetworksFlags.INACTIVE)).map((n) => n.name)).to.deep.equal(['lab']);
    await net.start();
    await net.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1, "<host mac='52:54:00:00:00:09' ip='10.9.0.9'/>", NetworkUpdateFlags.AFFECT_LIVE);
    expect(await net.getXmlDesc()).to.include("<host mac='52:54:00:00:00:09' ip='10.9.0.9'/>");
    expect(await net.getXmlDesc(1)).not.to.include('10.9.0.9');
    await net.destroy();
    await net.undefine();
    expect((await conn.listAllNetworks()).map((n) => n.name)).to.not.include('lab');
    const t = await conn.createNetwork(xml.replace('lab', 'tmp'));
    expect(await t.isPersistent()).to.equal(false);
    await t.destroy();
    try {
      await conn.lookupNetworkByName('tmp');
      expect.fail('tmp still exists');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.NO_NETWORK)).to.equal(true);
      expect((e as Error).message).to.equal("Network not found: no network with matching name 'tmp'");
    }
  });
});
