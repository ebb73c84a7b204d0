import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's node device XML (formatnode: `<device>`).
 * The SCSI host capability is typed (what vHBA creation reads and writes);
 * every other capability's content is kept in its `extras`, so a
 * parse/format round trip loses nothing.
 */
export interface NodeDeviceDef {
  /** Absent in a creation request: the driver names the new device. */
  name?: string;
  /** <path>: the sysfs path. */
  path?: string;
  /** The parent device's name. */
  parent?: string;
  caps: NodeDeviceCapDef[];
  extras?: XmlExtras;
}

export interface NodeDeviceCapDef {
  /** The capability's type ('system', 'pci', 'scsi_host', …; NODE_DEVICE_CAP_TYPES). */
  type: string;
  /** type='scsi_host': the host number and its fibre-channel and vport capabilities. */
  scsiHost?: ScsiHostCapDef;
  extras?: XmlExtras;
}

export interface ScsiHostCapDef {
  host?: number;
  uniqueId?: number;
  /** <capability type='fc_host'>: a fibre-channel HBA (names are 16 hex digits). */
  fcHost?: { wwnn?: string; wwpn?: string; fabricWwn?: string; extras?: XmlExtras };
  /** <capability type='vport_ops'>: an HBA that can create vHBAs. */
  vportOps?: { maxVports?: number; vports?: number; extras?: XmlExtras };
}

/** virNodeDevCapType's names, in the order of the VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits. */
export const NODE_DEVICE_CAP_TYPES: readonly string[] = [
  'system', 'pci', 'usb_device', 'usb', 'net', 'scsi_host', 'scsi_target', 'scsi', 'storage', 'fc_host', 'vports', 'scsi_generic', 'drm',
  'mdev_types', 'mdev', 'ccw', 'css', 'vdpa', 'ap_card', 'ap_queue', 'ap_matrix', 'vpd',
];

/** Whether a device has capability `type`, nested ones counted (fc_host, vports), as virNodeDeviceObjHasCap. */
export function nodeDeviceHasCap(def: NodeDeviceDef, type: string): boolean {
  return def.caps.some((c) => c.type === type
    || (type === 'fc_host' && c.scsiHost?.fcHost !== undefined)
    || (type === 'vports' && c.scsiHost?.vportOps !== undefined));
}
