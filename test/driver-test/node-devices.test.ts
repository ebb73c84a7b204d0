import { expect } from 'chai';
import { ErrorCode, Interface, ListInterfacesFlags, ListNodeDevicesFlags, NodeDevice, Virt, silentLogger } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const VHBA = "<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn></capability></capability></device>";

describe('driver-test node devices and host interfaces (as libvirt\'s test driver)', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('lists test:///default\'s devices, by capability too; refuses the state bits as libvirt 9.0\'s test driver', async () => {
    const conn = await virt.connect('test:///devs');
    const names = async (flags: number) => (await NodeDevice.listAll(conn, flags)).map((d) => d.name);
    expect(await names(0)).to.deep.equal(['computer', 'scsi_host1', 'scsi_host11', 'scsi_host2']);
    expect(await names(ListNodeDevicesFlags.CAP_SYSTEM)).to.deep.equal(['computer']);
    expect(await names(ListNodeDevicesFlags.CAP_VPORTS)).to.deep.equal(['scsi_host1', 'scsi_host2']);
    expect(await names(ListNodeDevicesFlags.CAP_FC_HOST | ListNodeDevicesFlags.CAP_SYSTEM)).to.have.length(4);
    await expectCode(NodeDevice.listAll(conn, ListNodeDevicesFlags.ACTIVE), ErrorCode.INVALID_ARG);
    const hba = await NodeDevice.lookupByName(conn, 'scsi_host11');
    expect([await hba.getParent(), await hba.listCaps()]).to.deep.equal(['scsi_host1', ['scsi_host']]);
    const root = await expectCode((await NodeDevice.lookupByName(conn, 'computer')).getParent(), ErrorCode.INTERNAL_ERROR);
    expect(root.message).to.equal('internal error: no parent for this device');
    expect((await expectCode(NodeDevice.lookupByName(conn, 'nope'), ErrorCode.NO_NODE_DEVICE)).message).to.equal("Node device not found: no node device with matching name 'nope'");
  });

  it('creates a vHBA on a vport-capable HBA with the asked WWNs and destroys it; refuses a parent without vports', async () => {
    const conn = await virt.connect('test:///vhba');
    const vhba = await NodeDevice.create(conn, VHBA);
    expect(vhba.name).to.equal('scsi_host12');
    expect(await vhba.getXmlDesc()).to.include('<wwnn>2000000012345678</wwnn>').and.include('<parent>scsi_host1</parent>');
    await vhba.destroy();
    await expectCode(NodeDevice.lookupByName(conn, 'scsi_host12'), ErrorCode.NO_NODE_DEVICE);
    await expectCode(NodeDevice.create(conn, VHBA.replace('scsi_host1<', 'scsi_host11<')), ErrorCode.INVALID_ARG);
    await expectCode(NodeDevice.create(conn, "<device><parent>scsi_host1</parent><capability type='system'/></device>"), ErrorCode.INTERNAL_ERROR);
    expect(await NodeDevice.listAll(conn)).to.have.length(4);
  });

  it('interfaces: eth1 by name and MAC; define, start, a rollback that brings back definitions all inactive', async () => {
    const conn = await virt.connect('test:///ifaces');
    const eth1 = await Interface.lookupByMac(conn, 'AA:BB:CC:DD:EE:FF');
    expect([eth1.name, eth1.mac, await eth1.isActive()]).to.deep.equal(['eth1', 'aa:bb:cc:dd:ee:ff', true]);
    await Interface.changeBegin(conn);
    await expectCode(Interface.changeBegin(conn), ErrorCode.OPERATION_INVALID);
    const e0 = await Interface.define(conn, "<interface type='ethernet' name='e0'><mac address='52:54:00:00:00:01'/></interface>");
    await e0.start();
    await expectCode(e0.start(), ErrorCode.OPERATION_INVALID);
    await Interface.changeRollback(conn);
    expect((await Interface.listAll(conn)).map((i) => i.name)).to.deep.equal(['eth1']);
    expect(await Interface.listAll(conn, ListInterfacesFlags.ACTIVE)).to.deep.equal([]);
    expect((await expectCode(Interface.changeCommit(conn), ErrorCode.OPERATION_INVALID)).message).to.equal('Requested operation is not valid: no transaction running, nothing to be committed.');
    await expectCode(Interface.lookupByName(conn, 'e0'), ErrorCode.NO_INTERFACE);
    const ro = await virt.connect('test:///ifaces', { readonly: true });
    await expectCode(Interface.changeBegin(ro), ErrorCode.OPERATION_DENIED);
  });
});
