import type { AddressDef, CharDeviceDef, DomainDef, XmlElement } from '@virtkit/core';
import { json, onPciePort, pciProps, type Json } from './argv-parts.js';
import { chardevArg, reconnectSeconds } from './chardev-args.js';
import { unsupportedConfig } from './errors.js';

// <rng>: the backend object (rng-random, rng-builtin, rng-egd over a chardev) and virtio-rng-pci.

/** virtio <driver> options every virtio device takes: attribute → QEMU property (on/off booleans). */
export const VIRTIO_OPTIONS: ReadonlyArray<[string, string]> = [['iommu', 'iommu_platform'], ['ats', 'ats'], ['packed', 'packed'], ['page_per_vq', 'page-per-vq']];

/**
 * The virtio options of a <driver> element's attributes; others are refused
 * naming `where`. With `device` (the definition and the device's PCI
 * address), iommu='on' is refused where QEMU makes the device transitional
 * (anywhere but a PCIe port), as QEMU refuses IOMMU_PLATFORM on a legacy-capable device.
 */
export function virtioOptions(attrs: Record<string, string> | undefined, where: string, device?: { def: DomainDef; address: AddressDef | undefined }): Json {
  const out: Json = {};
  for (const k of Object.keys(attrs ?? {})) if (!VIRTIO_OPTIONS.some(([x]) => x === k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
  // In libvirt's order (qemuBuildVirtioOptionsProps), whatever the XML's.
  for (const [k, prop] of VIRTIO_OPTIONS) {
    const v = attrs?.[k];
    if (v === undefined) continue;
    if (v !== 'on' && v !== 'off') throw unsupportedConfig(`${where}/@${k}`, `must be 'on' or 'off'`);
    if (k === 'iommu' && v === 'on' && device && !onPciePort(device.def, device.address)) {
      throw unsupportedConfig(`${where}/@iommu`, 'QEMU refuses iommu_platform on a transitional virtio device: the device must sit in a PCIe root or downstream port');
    }
    out[prop] = v === 'on';
  }
  return out;
}

const kids = (x: { children: Array<{ node: { kind: string } }> } | undefined) =>
  (x?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element');

export function rngArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.rngs.forEach((r, i) => {
    const el = `domain/devices/rng[${i + 1}]`;
    if (r.model !== 'virtio') throw unsupportedConfig(el, `rng model '${r.model}' is not supported (virtio)`);
    let driverAttrs: Record<string, string> | undefined;
    const rate: Json = {};
    for (const k of Object.keys(r.extras?.attrs ?? {})) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const c of kids(r.extras)) {
      if (c.name === 'driver') driverAttrs = c.attrs;
      else if (c.name === 'rate') {
        for (const [k, v] of Object.entries(c.attrs)) {
          if ((k !== 'bytes' && k !== 'period') || !/^\d+$/.test(v)) throw unsupportedConfig(`${el}/rate`, `attribute '${k}' is not supported`);
          rate[k === 'bytes' ? 'max-bytes' : 'period'] = Number(v);
        }
      } else throw unsupportedConfig(`${el}/${c.name}`, 'not supported');
    }
    const b = r.backend;
    if (!b) throw unsupportedConfig(`${el}/backend`, 'an rng needs a <backend>');
    const obj = `objrng${i}`;
    if (b.model === 'random') {
      if (b.extras && (Object.keys(b.extras.attrs).length > 0 || kids(b.extras).length > 0)) throw unsupportedConfig(`${el}/backend`, 'a random backend takes only a device path');
      out.push('-object', json({ 'qom-type': 'rng-random', id: obj, filename: b.path ?? '/dev/urandom' }));
    } else if (b.model === 'builtin') {
      out.push('-object', json({ 'qom-type': 'rng-builtin', id: obj }));
    } else if (b.model === 'egd') {
      const type = b.extras?.attrs.type;
      if (!type) throw unsupportedConfig(`${el}/backend`, 'an egd backend needs a character device type');
      const chr: CharDeviceDef = { type };
      let reconnect: number | undefined;
      for (const c of kids(b.extras)) {
        if (c.name === 'source') {
          chr.source = { ...c.attrs };
          for (const k of c.children) {
            if (k.kind !== 'element') continue;
            if (k.name !== 'reconnect') throw unsupportedConfig(`${el}/backend/source/${k.name}`, 'not supported');
            reconnect = reconnectSeconds(k, `${el}/backend/source/reconnect`);
          }
        }
        // The EGD protocol is raw; libvirt only writes it down for tcp.
        else if (c.name === 'protocol') { if (type === 'tcp') chr.protocol = c.attrs.type; }
        else throw unsupportedConfig(`${el}/backend/${c.name}`, 'not supported');
      }
      out.push('-chardev', chardevArg(chr, `charrng${i}`, `${el}/backend`, reconnect));
      out.push('-object', json({ 'qom-type': 'rng-egd', id: obj, chardev: `charrng${i}` }));
    } else throw unsupportedConfig(`${el}/backend/@model`, `rng backend '${b.model}' is not supported (random, builtin, egd)`);
    out.push('-device', json({ driver: 'virtio-rng-pci', ...virtioOptions(driverAttrs, `${el}/driver`, { def, address: r.address }), rng: obj, id: `rng${i}`, ...rate, ...pciProps(r.address, el, def) }));
  });
  return out;
}
