import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, pciProps, type Json } from './argv-parts.js';
import { audioElements } from './audio-args.js';
import { unsupportedConfig } from './errors.js';
import { elementAddress } from './filesystem-args.js';

// <sound>: the sound card, its HDA codecs, and the audio backend it plays through.

/** <sound model> → the -device driver; hda: an Intel HDA controller that takes codecs. */
const MODELS: Readonly<Record<string, { driver: string; hda?: boolean; pci: boolean }>> = {
  ac97: { driver: 'AC97', pci: true },
  es1370: { driver: 'ES1370', pci: true },
  ich6: { driver: 'intel-hda', hda: true, pci: true },
  ich7: { driver: 'intel-hda', hda: true, pci: true },
  ich9: { driver: 'ich9-intel-hda', hda: true, pci: true },
  sb16: { driver: 'sb16', pci: false },
};

/** <codec type> → the HDA codec device; none given: hda-duplex. */
const CODECS: Readonly<Record<string, string>> = { duplex: 'hda-duplex', micro: 'hda-micro', output: 'hda-output' };

/** The <sound> elements of the definition (kept in <devices>' extras). */
export function sounds(def: DomainDef): XmlElement[] {
  return (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'sound');
}

/** Whether a sound card takes a PCI address (pcspk, sb16 and usb do not). */
export function soundIsPci(s: XmlElement): boolean {
  return MODELS[s.attrs.model ?? '']?.pci ?? false;
}

const kids = (e: XmlElement, name: string) => e.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);

/** The id of the audio backend a sound card plays through: its <audio id>, else the first backend. */
function audioId(def: DomainDef, s: XmlElement, el: string): string {
  const first = audioElements(def)[0]?.attrs.id;
  const id = kids(s, 'audio')[0]?.attrs.id ?? first;
  if (id === undefined) throw unsupportedConfig(el, 'a sound card needs an <audio> backend');
  if (!audioElements(def).some((a) => a.attrs.id === id)) throw unsupportedConfig(`${el}/audio`, `there is no <audio id='${id}'>`);
  return `audio${id}`;
}

export function soundArgs(def: DomainDef): string[] {
  const out: string[] = [];
  sounds(def).forEach((s, i) => {
    const el = `domain/devices/sound[${i + 1}]`;
    const model = s.attrs.model ?? '';
    for (const k of Object.keys(s.attrs)) if (k !== 'model') throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const c of s.children) if (c.kind === 'element' && !['codec', 'audio', 'address'].includes(c.name)) throw unsupportedConfig(`${el}/${c.name}`, 'not supported');
    if (model === 'pcspk') return;
    if (model === 'virtio') throw unsupportedConfig(`${el}/@model`, 'virtio-sound needs QEMU 8.2 or later; this QEMU is 7.2');
    if (model === 'usb') throw unsupportedConfig(`${el}/@model`, 'USB audio is not supported by this driver');
    const m = MODELS[model];
    if (!m) throw unsupportedConfig(`${el}/@model`, `sound model '${model}' is not supported (${[...Object.keys(MODELS), 'pcspk'].join(', ')})`);
    const id = `sound${i}`;
    const audiodev = audioId(def, s, el);
    const dev: Json = { driver: m.driver, id };
    if (!m.hda) dev.audiodev = audiodev;
    out.push('-device', json(m.pci ? { ...dev, ...pciProps(elementAddress(s).get(), el, def) } : dev));
    if (!m.hda) return;
    const codecs = kids(s, 'codec');
    (codecs.length > 0 ? codecs : [undefined]).forEach((c, k) => {
      const driver = CODECS[c?.attrs.type ?? 'duplex'];
      if (!driver) throw unsupportedConfig(`${el}/codec`, `codec '${c?.attrs.type}' is not supported (${Object.keys(CODECS).join(', ')})`);
      out.push('-device', json({ driver, id: `${id}-codec${k}`, bus: `${id}.0`, cad: k, audiodev }));
    });
  });
  return out;
}

/** The -machine property for a PC speaker, which plays through the first audio backend. */
export function pcspkProps(def: DomainDef): string[] {
  const s = sounds(def).find((x) => x.attrs.model === 'pcspk');
  if (!s) return [];
  return [`pcspk-audiodev=${audioId(def, s, 'domain/devices/sound')}`];
}
