import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, pciProps } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { elementAddress } from './filesystem-args.js';

// <crypto model='virtio' type='qemu'>: a cryptodev backend object and virtio-crypto-pci on it.

export const cryptos = (def: DomainDef): XmlElement[] =>
  (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'crypto');

export function cryptoArgs(def: DomainDef): string[] {
  return cryptos(def).flatMap((c, i) => {
    const el = `domain/devices/crypto[${i + 1}]`;
    if (c.attrs.model !== 'virtio') throw unsupportedConfig(`${el}/@model`, `crypto model '${c.attrs.model}' is not supported (virtio)`);
    if (c.attrs.type !== 'qemu') throw unsupportedConfig(`${el}/@type`, `crypto type '${c.attrs.type}' is not supported (qemu)`);
    const kids = c.children.filter((n): n is XmlElement => n.kind === 'element');
    const other = kids.find((n) => n.name !== 'backend' && n.name !== 'address');
    if (other) throw unsupportedConfig(`${el}/${other.name}`, 'not supported');
    const backend = kids.find((n) => n.name === 'backend');
    // The lkcf backend needs the host kernel's crypto framework through /dev/crypto, which Linux does not have without the cryptodev module.
    if (backend?.attrs.model === 'lkcf') throw unsupportedConfig(`${el}/backend/@model`, "the lkcf backend needs the host's /dev/crypto (the cryptodev kernel module), which this host does not have");
    if (backend?.attrs.model !== 'builtin') throw unsupportedConfig(`${el}/backend`, "only <backend model='builtin'> is supported");
    const { model: _m, queues, ...rest } = backend.attrs;
    if (Object.keys(rest).length > 0) throw unsupportedConfig(`${el}/backend`, `attribute '${Object.keys(rest)[0]}' is not supported`);
    // QEMU's builtin backend has one queue (it refuses more).
    if (queues !== undefined && queues !== '1') throw unsupportedConfig(`${el}/backend/@queues`, "QEMU's builtin crypto backend has one queue");
    const obj = `objcrypto${i}`;
    return [
      '-object', json({ 'qom-type': 'cryptodev-backend-builtin', id: obj, ...(queues !== undefined ? { queues: Number(queues) } : {}) }),
      '-device', json({ driver: 'virtio-crypto-pci', cryptodev: obj, id: `crypto${i}`, ...pciProps(elementAddress(c).get(), el, def) }),
    ];
  });
}
