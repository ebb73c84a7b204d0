import type { XmlElement } from '@virtkit/core';
import { splitOptionString } from './qemu-option.js';
import { bad, leaf } from './native-parse.js';
import type { NativeState, OptionReader } from './native-state.js';

/**
 * SMBIOS tables and fw_cfg blobs read back (sysinfo-args.ts writes them):
 * -smbios as <sysinfo type='smbios'> with <os><smbios mode='sysinfo'/>,
 * -fw_cfg as <sysinfo type='fwcfg'>.
 */

const BLOCK: Readonly<Record<string, string>> = { 0: 'bios', 1: 'system', 2: 'baseBoard', 3: 'chassis', 11: 'oemStrings' };

const entry = (attrs: Record<string, string>, text?: string): XmlElement => ({ kind: 'element', name: 'entry', attrs, children: text === undefined ? [] : [{ kind: 'text', text }] });

/** The <sysinfo type> block of the state, made on first use. */
function block(st: NativeState, type: 'smbios' | 'fwcfg'): XmlElement {
  let b = st.sysinfo.find((s) => s.attrs.type === type);
  if (!b) {
    b = { kind: 'element', name: 'sysinfo', attrs: { type }, children: [] };
    st.sysinfo.push(b);
  }
  return b;
}

export const SYSINFO_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-smbios': (st, value) => {
    const v = value();
    const parts = splitOptionString(v).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const);
    const [k, type] = parts[0] ?? [];
    const name = k === 'type' ? BLOCK[type] : undefined;
    if (!name) bad(`-smbios ${v} is not understood`);
    const entries = parts.slice(1).map(([key, x]) => (name === 'oemStrings' ? entry({}, x) : entry({ name: key }, x)));
    block(st, 'smbios').children.push({ kind: 'element', name: name!, attrs: {}, children: entries });
    st.smbiosSysinfo = true;
  },
  '-fw_cfg': (st, value) => {
    const parts = new Map(splitOptionString(value()).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
    const name = parts.get('name') ?? bad('-fw_cfg without name');
    block(st, 'fwcfg').children.push(parts.has('file') ? entry({ name, file: parts.get('file')! }) : entry({ name }, parts.get('string') ?? bad('-fw_cfg without string or file')));
  },
};

/** <os><smbios mode='sysinfo'/> when -smbios tables were read. */
export function assembleSmbiosMode(st: NativeState): void {
  if (!st.smbiosSysinfo) return;
  st.def.os.extras ??= { attrs: {}, children: [] };
  st.def.os.extras.children.push({ after: 'boot', node: leaf('smbios', { mode: 'sysinfo' }) });
}
