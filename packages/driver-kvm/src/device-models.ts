/**
 * The tables between domain XML values and QEMU device drivers and block
 * options: command-line.ts builds the command line with them, the native-*.ts
 * readers read one back with their inverses.
 */

/** <interface><model type> → -device driver. */
export const NIC_MODELS: Readonly<Record<string, string>> = {
  virtio: 'virtio-net-pci', 'virtio-transitional': 'virtio-net-pci-transitional', 'virtio-non-transitional': 'virtio-net-pci-non-transitional',
  e1000: 'e1000', 'e1000-82544gc': 'e1000-82544gc', 'e1000-82545em': 'e1000-82545em', e1000e: 'e1000e', rtl8139: 'rtl8139',
  ne2k_pci: 'ne2k_pci', pcnet: 'pcnet', tulip: 'tulip', vmxnet3: 'vmxnet3',
  ...Object.fromEntries(['i82550', 'i82551', 'i82557a', 'i82557b', 'i82557c', 'i82558a', 'i82558b', 'i82559a', 'i82559b', 'i82559c', 'i82559er', 'i82562', 'i82801'].map((m) => [m, m])),
};

/** <video><model type> → -device driver. */
export const VIDEO: Readonly<Record<string, string>> = { cirrus: 'cirrus-vga', vga: 'VGA', virtio: 'virtio-vga', qxl: 'qxl-vga', bochs: 'bochs-display' };

/** <controller type='usb' model> → -device driver. */
export const USB_MODELS: Readonly<Record<string, string>> = {
  'piix3-uhci': 'piix3-usb-uhci', 'piix4-uhci': 'piix4-usb-uhci', 'vt82c686b-uhci': 'vt82c686b-usb-uhci', 'pci-ohci': 'pci-ohci',
  'ich9-ehci1': 'ich9-usb-ehci1', 'ich9-uhci1': 'ich9-usb-uhci1', 'ich9-uhci2': 'ich9-usb-uhci2', 'ich9-uhci3': 'ich9-usb-uhci3',
  'qemu-xhci': 'qemu-xhci', 'nec-xhci': 'nec-usb-xhci',
};

/** <controller type='pci' model> (but the roots) → the -device drivers its <model name> may be, libvirt's default first. */
export const PCI_CONTROLLER_DRIVERS: Readonly<Record<string, readonly string[]>> = {
  'pcie-root-port': ['pcie-root-port', 'ioh3420'],
  'pcie-to-pci-bridge': ['pcie-pci-bridge'],
  'pci-bridge': ['pci-bridge'],
  'dmi-to-pci-bridge': ['i82801b11-bridge'],
  'pcie-switch-upstream-port': ['x3130-upstream'],
  'pcie-switch-downstream-port': ['xio3130-downstream'],
  'pcie-expander-bus': ['pxb-pcie'],
  'pci-expander-bus': ['pxb'],
};

/** <controller type='scsi' model> → -device driver. */
export const SCSI_MODELS: Readonly<Record<string, string>> = { 'virtio-scsi': 'virtio-scsi-pci', lsilogic: 'lsi' };

export interface CacheMode {
  direct: boolean;
  noFlush: boolean;
  writeCache: 'on' | 'off';
}

/** <driver cache> → the block node's cache options and the device's write-cache. */
export const CACHE: Readonly<Record<string, CacheMode>> = {
  writeback: { direct: false, noFlush: false, writeCache: 'on' },
  none: { direct: true, noFlush: false, writeCache: 'on' },
  writethrough: { direct: false, noFlush: false, writeCache: 'off' },
  directsync: { direct: true, noFlush: false, writeCache: 'off' },
  unsafe: { direct: false, noFlush: true, writeCache: 'on' },
};

function invert(table: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(table).map(([k, v]) => [v, k]));
}

/** -device driver → <interface><model type>. */
export const NIC_MODEL_OF = invert(NIC_MODELS);

/** -device driver → <controller type='usb' model>. */
export const USB_MODEL_OF = invert(USB_MODELS);

/** -device driver → <controller type='scsi' model>. */
export const SCSI_MODEL_OF = invert(SCSI_MODELS);

/** -device driver → <video><model type>. */
export const VIDEO_MODEL_OF = invert(VIDEO);

/** The <driver cache> value whose options are `mode`, if any. */
export function cacheModeOf(mode: CacheMode): string | undefined {
  return Object.keys(CACHE).find((k) => CACHE[k].direct === mode.direct && CACHE[k].noFlush === mode.noFlush && CACHE[k].writeCache === mode.writeCache);
}
