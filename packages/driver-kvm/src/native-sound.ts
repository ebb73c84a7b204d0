import type { XmlElement } from '@virtkit/core';
import { audioFromJson } from './audio-args.js';
import { bad, jsonOpt, leaf, pciAddr, str } from './native-parse.js';
import type { DeviceReader, NativeState, OptionReader } from './native-state.js';

/** Sound read back (audio-args.ts and sound-args.ts write it): -audiodev as <audio>, sound cards and codecs as <sound>. */

/** -device driver → <sound model> (ich6 and ich7 are both intel-hda; ich6 is read back). */
const SOUND_MODEL_OF = new Map([['AC97', 'ac97'], ['ES1370', 'es1370'], ['intel-hda', 'ich6'], ['ich9-intel-hda', 'ich9'], ['sb16', 'sb16']]);

export const SOUND_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-audiodev': (st, value) => {
    const o = jsonOpt(value(), '-audiodev');
    st.audio.push(audioFromJson(o) ?? bad(`-audiodev ${JSON.stringify(o)} is not understood`));
  },
};

const readCard: DeviceReader = ({ soundEls, soundIndex }, d, driver) => {
  const children: XmlElement[] = [];
  const addr = pciAddr(d);
  if (addr) children.push(leaf('address', addr));
  if (typeof d.audiodev === 'string' && d.audiodev !== 'audio1') children.unshift(leaf('audio', { id: d.audiodev.replace(/^audio/, '') }));
  const card: XmlElement = { kind: 'element', name: 'sound', attrs: { model: SOUND_MODEL_OF.get(driver)! }, children };
  soundEls.push(card);
  soundIndex.set(card, Number(/^sound(\d+)$/.exec(str(d.id) ?? '')?.[1] ?? soundEls.length - 1));
};

/** hda-duplex, hda-micro, hda-output: a <codec> of the card before it. */
const readCodec: DeviceReader = ({ soundEls }, d, driver) => {
  const card = soundEls.at(-1) ?? bad(`${driver} without a sound card`);
  const type = driver.slice(4);
  if (!(type === 'duplex' && d.cad === 0)) card.children.unshift(leaf('codec', { type }));
  if (typeof d.audiodev === 'string' && d.audiodev !== 'audio1' && !card.children.some((c) => c.kind === 'element' && c.name === 'audio')) card.children.unshift(leaf('audio', { id: d.audiodev.replace(/^audio/, '') }));
};

export const SOUND_DEVICES: Readonly<Record<string, DeviceReader>> = {
  ...Object.fromEntries([...SOUND_MODEL_OF.keys()].map((driver) => [driver, readCard])),
  'hda-duplex': readCodec, 'hda-micro': readCodec, 'hda-output': readCodec,
};

/** The PC speaker (-machine pcspk-audiodev) among the sound cards. */
export function placePcSpeaker({ pcspk, soundEls, soundIndex }: NativeState): void {
  if (!pcspk) return;
  // The PC speaker has no -device; it sits where the sound cards' ids leave a gap.
  let at = 0;
  while (soundEls.some((c) => soundIndex.get(c) === at)) at++;
  soundEls.splice(soundEls.filter((c) => soundIndex.get(c)! < at).length, 0, leaf('sound', { model: 'pcspk' }));
}
