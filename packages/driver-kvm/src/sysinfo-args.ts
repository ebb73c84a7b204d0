import type { DomainDef, XmlElement } from '@virtkit/core';
import { esc } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// <sysinfo>: SMBIOS tables (-smbios, with <os><smbios mode='sysinfo'/>) and fw_cfg blobs (-fw_cfg), as
// libvirt's qemuBuildSmbiosCommandLine and qemuBuildSysinfoCommandLine write them. mode='emulate' (or no
// <smbios>) leaves QEMU's own tables; mode='host' copies the host's, which this driver does not read.

/** The SMBIOS structure of each <sysinfo type='smbios'> block: [element, type, entry names in libvirt's order]. */
const SMBIOS: ReadonlyArray<readonly [string, number, readonly string[]]> = [
  ['bios', 0, ['vendor', 'version', 'date', 'release']],
  ['system', 1, ['manufacturer', 'product', 'version', 'serial', 'uuid', 'sku', 'family']],
  ['baseBoard', 2, ['manufacturer', 'product', 'version', 'serial', 'asset', 'location']],
  ['chassis', 3, ['manufacturer', 'version', 'serial', 'asset', 'sku']],
];

const kids = (e: XmlElement) => e.children.filter((c): c is XmlElement => c.kind === 'element');
const text = (e: XmlElement) => e.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('');

function sysinfos(def: DomainDef): XmlElement[] {
  return (def.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'sysinfo');
}

function smbiosMode(def: DomainDef): string | undefined {
  const e = def.os.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'smbios');
  if (!e) return undefined;
  const mode = e.attrs.mode;
  if (mode !== 'emulate' && mode !== 'host' && mode !== 'sysinfo') throw unsupportedConfig('domain/os/smbios/@mode', `'${mode}' is not a SMBIOS mode (emulate, host, sysinfo)`);
  return mode;
}

/** -smbios for <os><smbios mode='sysinfo'/>, then -fw_cfg for every <sysinfo type='fwcfg'> entry. */
export function sysinfoArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const blocks = sysinfos(def);
  for (const s of blocks) if (s.attrs.type !== 'smbios' && s.attrs.type !== 'fwcfg') throw unsupportedConfig('domain/sysinfo/@type', `sysinfo type '${s.attrs.type}' is not supported on x86 (smbios, fwcfg)`);
  const mode = smbiosMode(def);
  if (mode === 'host') throw unsupportedConfig('domain/os/smbios/@mode', "mode 'host' copies the host's SMBIOS tables, which this driver does not read");
  if (mode === 'sysinfo') {
    const smbios = blocks.find((s) => s.attrs.type === 'smbios');
    if (!smbios) throw unsupportedConfig('domain/os/smbios', "mode 'sysinfo' needs a <sysinfo type='smbios'>");
    out.push(...smbiosTables(smbios, def.uuid));
  }
  for (const s of blocks) {
    if (s.attrs.type !== 'fwcfg') continue;
    for (const e of kids(s)) {
      const where = 'domain/sysinfo/entry';
      if (e.name !== 'entry') throw unsupportedConfig(`domain/sysinfo/${e.name}`, 'not supported');
      const name = e.attrs.name ?? '';
      if (!name.startsWith('opt/')) throw unsupportedConfig(`${where}/@name`, `fw_cfg name '${name}' must start with 'opt/'`);
      checkOptionText(name, `${where}/@name`);
      if (e.attrs.file !== undefined) {
        checkOptionText(e.attrs.file, `${where}/@file`);
        out.push('-fw_cfg', `name=${esc(name)},file=${esc(e.attrs.file)}`);
      } else {
        checkOptionText(text(e), where);
        out.push('-fw_cfg', `name=${esc(name)},string=${esc(text(e))}`);
      }
    }
  }
  return out;
}

function smbiosTables(smbios: XmlElement, uuid: string): string[] {
  const out: string[] = [];
  const children = kids(smbios);
  for (const c of children) if (![...SMBIOS.map(([n]) => n), 'oemStrings'].includes(c.name)) throw unsupportedConfig(`domain/sysinfo/${c.name}`, 'not supported');
  for (const [name, type, keys] of SMBIOS) {
    for (const block of children.filter((c) => c.name === name)) {
      const where = `domain/sysinfo/${name}`;
      const entries = new Map<string, string>();
      for (const e of kids(block)) {
        if (e.name !== 'entry' || !keys.includes(e.attrs.name ?? '')) throw unsupportedConfig(`${where}/entry`, `entry '${e.attrs.name}' is not supported (${keys.join(', ')})`);
        checkOptionText(text(e), `${where}/entry`);
        entries.set(e.attrs.name!, text(e));
      }
      if (name === 'system' && entries.has('uuid') && entries.get('uuid')!.toLowerCase() !== uuid.toLowerCase()) throw unsupportedConfig(`${where}/entry`, "the system UUID must be the domain's UUID");
      if (entries.size === 0) continue;
      out.push('-smbios', [`type=${type}`, ...keys.filter((k) => entries.has(k)).map((k) => `${k}=${esc(entries.get(k)!)}`)].join(','));
    }
  }
  const oem = children.find((c) => c.name === 'oemStrings');
  if (oem) {
    const values = kids(oem).map((e) => {
      if (e.name !== 'entry') throw unsupportedConfig(`domain/sysinfo/oemStrings/${e.name}`, 'not supported');
      checkOptionText(text(e), 'domain/sysinfo/oemStrings/entry');
      return `value=${esc(text(e))}`;
    });
    if (values.length > 0) out.push('-smbios', ['type=11', ...values].join(','));
  }
  return out;
}
