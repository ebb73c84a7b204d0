import type { DomainDef, XmlElement } from '@virtkit/core';
import { json } from './argv-parts.js';
import { chardevArg } from './chardev-args.js';
import { unsupportedConfig } from './errors.js';
import { charDeviceOf } from './redirdev-args.js';

// <smartcard>: a card on a CCID reader (usb-ccid, the <controller type='ccid'>), passed through to a peer on a chardev.

export const smartcards = (def: DomainDef): XmlElement[] =>
  (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'smartcard');

export function smartcardArgs(def: DomainDef): string[] {
  return smartcards(def).flatMap((s, i) => {
    const el = `domain/devices/smartcard[${i + 1}]`;
    const mode = s.attrs.mode;
    // Emulated cards read the host's readers or certificates through an NSS database (/etc/pki/nssdb).
    if (mode === 'host' || mode === 'host-certificates') throw unsupportedConfig(`${el}/@mode`, `a ${mode} smartcard needs the host's NSS database (/etc/pki/nssdb) with its readers or certificates, which this host does not have`);
    if (mode !== 'passthrough') throw unsupportedConfig(`${el}/@mode`, `smartcard mode '${mode}' is not supported (passthrough)`);
    const address = s.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'address');
    const ctl = Number(address?.attrs.controller ?? 0);
    if (address && (address.attrs.type !== 'ccid' || (address.attrs.slot ?? '0') !== '0')) throw unsupportedConfig(`${el}/address`, "a smartcard sits in slot 0 of a CCID controller (address type='ccid')");
    if (!def.devices.controllers.some((c) => c.type === 'ccid' && (c.index ?? 0) === ctl)) throw unsupportedConfig(`${el}/address`, `there is no CCID controller ${ctl}`);
    const { chr, reconnect } = charDeviceOf(s, s.attrs.type ?? '', el, ['address']);
    const id = `charsmartcard${i}`;
    return ['-chardev', chardevArg(chr, id, el, reconnect), '-device', json({ driver: 'ccid-card-passthru', chardev: id, id: `smartcard${i}`, bus: `ccid${ctl}.0` })];
  });
}
