import { randomBytes } from 'node:crypto';
import {
  ErrorCode, NODE_DEVICE_CAP_FLAGS, NODE_DEVICE_CAP_TYPES, checkFlags, formatNodeDeviceXml, nodeDeviceHasCap, parseNodeDeviceXml,
  type NodeDeviceDef, type NodeDeviceRole,
} from '@virtkit/core';
import { testError } from './host.js';

/** libvirt's test:///default devices, as `virsh -c test:///default nodedev-dumpxml NAME` prints them. */
export const DEFAULT_NODE_DEVICE_XML: readonly string[] = [
  `<device>
  <name>computer</name>
  <capability type='system'>
    <hardware>
      <vendor>Libvirt</vendor>
      <version>Test driver</version>
      <serial>123456</serial>
      <uuid>11111111-2222-3333-4444-555555555555</uuid>
    </hardware>
    <firmware>
      <vendor>Libvirt</vendor>
      <version>Test Driver</version>
      <release_date>01/22/2007</release_date>
    </firmware>
  </capability>
</device>
`,
  ...[[1, 0, '12341234', '43214321'], [2, 1, '56785678', '87658765']].map(([host, id, wwn, fabric]) => `<device>
  <name>scsi_host${host}</name>
  <parent>computer</parent>
  <capability type='scsi_host'>
    <host>${host}</host>
    <unique_id>${id}</unique_id>
    <capability type='fc_host'>
      <wwnn>20000000${wwn}</wwnn>
      <wwpn>10000000${wwn}</wwpn>
      <fabric_wwn>20000000${fabric}</fabric_wwn>
    </capability>
    <capability type='vport_ops'>
      <max_vports>0</max_vports>
      <vports>0</vports>
    </capability>
  </capability>
</device>
`),
  `<device>
  <name>scsi_host11</name>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <host>11</host>
    <unique_id>10</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000034563456</wwnn>
      <wwpn>1000000034563456</wwpn>
      <fabric_wwn>2000000043214321</fabric_wwn>
    </capability>
  </capability>
</device>
`,
];

type NamedDevice = NodeDeviceDef & { name: string };

/** A random WWN as libvirt's virRandomGenerateWWN makes one: NAA 5, Qumranet's OUI, 36 random bits. */
function randomWwn(): string {
  return `5001a4a${randomBytes(5).toString('hex').slice(0, 9)}`;
}

/**
 * A host's devices, in memory as libvirt's test driver keeps them. Creating
 * a vHBA copies scsi_host11 as scsi_host12 with the request's WWNs (libvirt's
 * testNodeDeviceMockCreateVport); destroying a device that is not a
 * fibre-channel HBA succeeds and changes nothing, as there.
 */
export class TestNodeDevices implements NodeDeviceRole {
  private readonly devs = new Map<string, NamedDevice>();

  addDefaults(): void {
    for (const xml of DEFAULT_NODE_DEVICE_XML) this.addXml(xml);
  }

  /** Adds (or replaces) the device of `xml`, which must name it. */
  addXml(xml: string): void {
    const def = parseNodeDeviceXml(xml);
    if (def.name === undefined) throw testError(ErrorCode.XML_ERROR, 'missing device name');
    this.devs.set(def.name, def as NamedDevice);
  }

  private get(name: string): NamedDevice {
    const d = this.devs.get(name);
    if (!d) throw testError(ErrorCode.NO_NODE_DEVICE, `no node device with matching name '${name}'`);
    return d;
  }

  /** libvirt 9.0's test driver takes the capability bits only (not ACTIVE or INACTIVE). */
  async listNodeDevices(flags: number): Promise<string[]> {
    checkFlags(flags, NODE_DEVICE_CAP_FLAGS, 'testConnectListAllNodeDevices');
    const caps = NODE_DEVICE_CAP_TYPES.filter((_t, i) => flags & (1 << i));
    return [...this.devs.values()].filter((d) => caps.length === 0 || caps.some((c) => nodeDeviceHasCap(d, c))).map((d) => d.name);
  }

  async nodeDeviceLookupByName(name: string): Promise<string> { return this.get(name).name; }

  async nodeDeviceGetXmlDesc(name: string, flags: number): Promise<string> {
    checkFlags(flags, 0, 'testNodeDeviceGetXMLDesc');
    return formatNodeDeviceXml(this.get(name));
  }

  async nodeDeviceGetParent(name: string): Promise<string> {
    const parent = this.get(name).parent;
    if (parent === undefined) throw testError(ErrorCode.INTERNAL_ERROR, 'no parent for this device');
    return parent;
  }

  /** Every test device is present and defined. */
  async nodeDeviceIsActive(name: string): Promise<boolean> { return !!this.get(name); }
  async nodeDeviceIsPersistent(name: string): Promise<boolean> { return !!this.get(name); }

  async nodeDeviceListCaps(name: string): Promise<string[]> { return this.get(name).caps.map((c) => c.type); }

  async nodeDeviceCreateXml(xml: string, flags: number): Promise<string> {
    checkFlags(flags, 0, 'testNodeDeviceCreateXML');
    const req = parseNodeDeviceXml(xml);
    const fc = req.caps.find((c) => c.type === 'scsi_host')?.scsiHost?.fcHost;
    if (!fc) throw testError(ErrorCode.INTERNAL_ERROR, 'Device is not a fibre channel HBA');
    const wwnn = fc.wwnn ?? randomWwn();
    const wwpn = fc.wwpn ?? randomWwn();
    const parent = req.parent !== undefined ? this.devs.get(req.parent) : [...this.devs.values()].find((d) => nodeDeviceHasCap(d, 'vports'));
    if (!parent) throw testError(ErrorCode.INTERNAL_ERROR, req.parent !== undefined ? `Could not find parent device '${req.parent}'` : 'Could not find any vport capable device');
    if (!nodeDeviceHasCap(parent, 'vports')) throw testError(ErrorCode.INVALID_ARG, `Parent device ${parent.name} is not capable of vport operations`);
    const vhba = structuredClone(this.get('scsi_host11'));
    vhba.name = 'scsi_host12';
    for (const cap of vhba.caps) {
      if (cap.scsiHost?.fcHost) Object.assign(cap.scsiHost.fcHost, { wwnn, wwpn });
    }
    this.devs.set(vhba.name, vhba);
    return vhba.name;
  }

  async nodeDeviceDestroy(name: string): Promise<void> {
    const d = this.get(name);
    const fc = d.caps.find((c) => c.scsiHost?.fcHost)?.scsiHost?.fcHost;
    if (!fc?.wwnn || !fc.wwpn) return;
    if (d.parent === undefined || !this.devs.has(d.parent)) throw testError(ErrorCode.INTERNAL_ERROR, `cannot find parent '${d.parent}' definition`);
    this.devs.delete(name);
  }
}
