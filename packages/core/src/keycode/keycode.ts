import { KEY_CODE_TABLES, KEY_NAME_TABLES } from './keymap-data.js';

/** virKeycodeSet: the key code sets of virDomainSendKey. The numbers travel on the wire. */
export enum KeycodeSet {
  LINUX = 0,
  XT = 1,
  ATSET1 = 2,
  ATSET2 = 3,
  ATSET3 = 4,
  OSX = 5,
  XT_KBD = 6,
  USB = 7,
  WIN32 = 8,
  /** QEMU's key numbers; VIR_KEYCODE_SET_RFB is the same number. */
  QNUM = 9,
}

/** virDomainSendKey's most keys per call (VIR_DOMAIN_SEND_KEY_MAX_KEYS). */
export const SEND_KEY_MAX_KEYS = 16;

/** virKeycodeSetTypeToString's names, by set number. */
const SET_NAMES = ['linux', 'xt', 'atset1', 'atset2', 'atset3', 'os_x', 'xt_kbd', 'usb', 'win32', 'qnum'] as const;

/** Which generated table each set reads: XT is AT set 1's scan codes in libvirt's tables. */
const SET_TABLES: ReadonlyArray<readonly number[]> = [
  KEY_CODE_TABLES.linux, KEY_CODE_TABLES.atset1, KEY_CODE_TABLES.atset1, KEY_CODE_TABLES.atset2, KEY_CODE_TABLES.atset3,
  KEY_CODE_TABLES.osx, KEY_CODE_TABLES.xtkbd, KEY_CODE_TABLES.usb, KEY_CODE_TABLES.win32, KEY_CODE_TABLES.qnum,
];

/** The sets with key names (virKeycodeValueFromString answers only these). */
const SET_KEY_NAMES: ReadonlyMap<KeycodeSet, ReadonlyArray<string | null>> = new Map<KeycodeSet, ReadonlyArray<string | null>>([
  [KeycodeSet.LINUX, KEY_NAME_TABLES.linux],
  [KeycodeSet.OSX, KEY_NAME_TABLES.osx],
  [KeycodeSet.WIN32, KEY_NAME_TABLES.win32],
]);

export function isKeycodeSet(n: number): n is KeycodeSet {
  return Number.isInteger(n) && n >= 0 && n < SET_NAMES.length;
}

/** virKeycodeSetTypeToString: "linux", "os_x", "qnum", … */
export function keycodeSetName(set: KeycodeSet): string {
  return SET_NAMES[set];
}

/** A set by virsh's name for it ("rfb" is QNUM's older name); undefined when unknown. */
export function keycodeSetFromName(name: string): KeycodeSet | undefined {
  if (name === 'rfb') return KeycodeSet.QNUM;
  const i = (SET_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

/** virKeycodeValueFromString: the code of a named key (KEY_A, ANSI_A, VK_A) in a set with names; undefined otherwise. */
export function keycodeFromName(set: KeycodeSet, name: string): number | undefined {
  const names = SET_KEY_NAMES.get(set);
  if (!names) return undefined;
  const i = names.indexOf(name);
  return i < 0 ? undefined : SET_TABLES[set][i];
}

/** virKeycodeValueTranslate: `value` of set `from` in set `to`; undefined when `from` has no such key. */
export function translateKeycode(from: KeycodeSet, to: KeycodeSet, value: number): number | undefined {
  if (!Number.isInteger(value) || value < 0) return undefined;
  const i = SET_TABLES[from].indexOf(value);
  return i < 0 ? undefined : SET_TABLES[to][i];
}
