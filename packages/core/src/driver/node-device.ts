import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';

/**
 * Host devices (libvirt's node device driver: virConnectListAllNodeDevices,
 * virNodeDeviceLookupByName, …), named by name; a missing one is
 * NO_NODE_DEVICE. Creating one makes a vHBA on a fibre-channel HBA that
 * can host vports. Every `flags` is checked. @since 1.3
 */
export interface NodeDeviceRole {
  /** Device names. ListNodeDevicesFlags: the capability bits (any of them), ACTIVE/INACTIVE. */
  listNodeDevices(flags: number): Promise<string[]>;
  /** The device's name as the driver spells it. */
  nodeDeviceLookupByName(name: string): Promise<string>;
  /** flags: 0. */
  nodeDeviceGetXmlDesc(name: string, flags: number): Promise<string>;
  /** INTERNAL_ERROR "no parent for this device" for a root. */
  nodeDeviceGetParent(name: string): Promise<string>;
  /** The capability types of the device (virNodeDeviceListCaps). */
  nodeDeviceListCaps(name: string): Promise<string[]>;
  /** virNodeDeviceCreateXML: a new device from XML (a vHBA). flags: 0. Its name. */
  nodeDeviceCreateXml(xml: string, flags: number): Promise<string>;
  /** virNodeDeviceDestroy: removes a created device. */
  nodeDeviceDestroy(name: string): Promise<void>;
  /** Whether the device is present on the host now. */
  nodeDeviceIsActive(name: string): Promise<boolean>;
  /** Whether its definition outlives its presence (a defined mediated device). */
  nodeDeviceIsPersistent(name: string): Promise<boolean>;
}

/** The methods DriverRole.NODE_DEVICES declares. */
export const NODE_DEVICE_ROLE_METHODS: readonly string[] = [
  'listNodeDevices', 'nodeDeviceLookupByName', 'nodeDeviceGetXmlDesc', 'nodeDeviceGetParent', 'nodeDeviceListCaps', 'nodeDeviceCreateXml', 'nodeDeviceDestroy',
  'nodeDeviceIsActive', 'nodeDeviceIsPersistent',
];

export function hasNodeDeviceRole(c: DriverConnection): c is DriverConnection & NodeDeviceRole {
  return c.features.has(DriverRole.NODE_DEVICES);
}

/**
 * virConnectListAllNodeDeviceFlags: one bit per capability type, in the
 * order of NODE_DEVICE_CAP_TYPES (SYSTEM = 1 << 0 … VPD = 1 << 21), and
 * the state bits.
 */
export const ListNodeDevicesFlags = {
  CAP_SYSTEM: 1 << 0, CAP_PCI_DEV: 1 << 1, CAP_USB_DEV: 1 << 2, CAP_USB_INTERFACE: 1 << 3, CAP_NET: 1 << 4, CAP_SCSI_HOST: 1 << 5,
  CAP_SCSI_TARGET: 1 << 6, CAP_SCSI: 1 << 7, CAP_STORAGE: 1 << 8, CAP_FC_HOST: 1 << 9, CAP_VPORTS: 1 << 10, CAP_SCSI_GENERIC: 1 << 11,
  CAP_DRM: 1 << 12, CAP_MDEV_TYPES: 1 << 13, CAP_MDEV: 1 << 14, CAP_CCW_DEV: 1 << 15, CAP_CSS_DEV: 1 << 16, CAP_VDPA: 1 << 17,
  CAP_AP_CARD: 1 << 18, CAP_AP_QUEUE: 1 << 19, CAP_AP_MATRIX: 1 << 20, CAP_VPD: 1 << 21,
  INACTIVE: 1 << 30, ACTIVE: 2 ** 31,
} as const;

/** The capability bits of ListNodeDevicesFlags (VIR_CONNECT_LIST_NODE_DEVICES_FILTERS_CAP). */
export const NODE_DEVICE_CAP_FLAGS = (1 << 22) - 1;
