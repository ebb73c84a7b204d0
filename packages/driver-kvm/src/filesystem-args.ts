import type { AddressDef, DomainDef, XmlElement } from '@virtkit/core';
import { esc, json, pciProps } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';
import { virtioOptions } from './rng-args.js';

// <filesystem>: 9p shares (-fsdev local + virtio-9p-pci). virtiofs needs the virtiofsd daemon,
// which this driver does not run.

/** The <filesystem> elements of the definition (kept in <devices>' extras). */
export function filesystems(def: DomainDef): XmlElement[] {
  return (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'filesystem');
}

function child(fs: XmlElement, name: string): XmlElement | undefined {
  return fs.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

/** Reads and writes the <address> child of an element kept whole (for PCI assignment). */
export function elementAddress(el: XmlElement): { get(): AddressDef | undefined; set(a: AddressDef): void } {
  return {
    get: () => {
      const a = child(el, 'address');
      return a ? a.attrs : undefined;
    },
    set: (a) => {
      const old = child(el, 'address');
      const node: XmlElement = { kind: 'element', name: 'address', attrs: a, children: [] };
      if (old) el.children[el.children.indexOf(old)] = node;
      else el.children.push(node);
    },
  };
}

const ACCESS = ['passthrough', 'mapped', 'squash'];

export function filesystemArgs(def: DomainDef): string[] {
  const out: string[] = [];
  filesystems(def).forEach((f, i) => {
    const el = `domain/devices/filesystem[${i + 1}]`;
    const type = f.attrs.type ?? 'mount';
    if (type !== 'mount') throw unsupportedConfig(`${el}/@type`, `filesystem type '${type}' is not supported (mount)`);
    const driver = child(f, 'driver');
    if (driver?.attrs.type === 'virtiofs') throw unsupportedConfig(`${el}/driver`, 'virtiofs needs the virtiofsd daemon, which this driver does not run');
    if (driver && driver.attrs.type !== undefined && driver.attrs.type !== 'path') throw unsupportedConfig(`${el}/driver/@type`, `filesystem driver '${driver.attrs.type}' is not supported (path)`);
    const { type: _type, wrpolicy: _wrpolicy, ...virtio } = driver?.attrs ?? {};
    const virtioProps = virtioOptions(virtio, `${el}/driver`, { def, address: elementAddress(f).get() });
    for (const k of Object.keys(f.attrs)) if (!['type', 'accessmode', 'fmode', 'dmode', 'multidevs'].includes(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const c of f.children) {
      if (c.kind === 'element' && !['driver', 'source', 'target', 'readonly', 'address'].includes(c.name)) throw unsupportedConfig(`${el}/${c.name}`, 'not supported');
    }
    const access = f.attrs.accessmode ?? 'passthrough';
    if (!ACCESS.includes(access)) throw unsupportedConfig(`${el}/@accessmode`, `access mode '${access}' is not supported (${ACCESS.join(', ')})`);
    const source = child(f, 'source')?.attrs.dir;
    const target = child(f, 'target')?.attrs.dir;
    if (!source) throw unsupportedConfig(`${el}/source`, 'a 9p share needs <source dir>');
    if (!target) throw unsupportedConfig(`${el}/target`, 'a 9p share needs <target dir>');
    checkOptionText(source, `${el}/source/@dir`);
    checkOptionText(target, `${el}/target/@dir`);
    const mode = (k: 'fmode' | 'dmode') => {
      const v = f.attrs[k];
      if (v === undefined) return '';
      if (!/^[0-7]{1,4}$/.test(v)) throw unsupportedConfig(`${el}/@${k}`, `'${v}' is not an octal mode`);
      return `,${k}=${v.padStart(4, '0')}`;
    };
    const multidevs = f.attrs.multidevs;
    if (multidevs !== undefined && !['default', 'remap', 'forbid', 'warn'].includes(multidevs)) throw unsupportedConfig(`${el}/@multidevs`, `'${multidevs}' is not supported`);
    let fsdev = 'local';
    if (driver?.attrs.wrpolicy === 'immediate') fsdev += ',writeout=immediate';
    else if (driver?.attrs.wrpolicy !== undefined) throw unsupportedConfig(`${el}/driver/@wrpolicy`, `'${driver.attrs.wrpolicy}' is not supported (immediate)`);
    fsdev += `,security_model=${access === 'squash' ? 'mapped-xattr' : access}`;
    if (multidevs !== undefined && multidevs !== 'default') fsdev += `,multidevs=${multidevs}`;
    fsdev += `${mode('fmode')}${mode('dmode')},id=fsdev-fs${i},path=${esc(source)}`;
    if (child(f, 'readonly')) fsdev += ',readonly=on';
    out.push('-fsdev', fsdev);
    const addr = elementAddress(f).get();
    out.push('-device', json({ driver: 'virtio-9p-pci', ...virtioProps, id: `fs${i}`, fsdev: `fsdev-fs${i}`, mount_tag: target, ...pciProps(addr, el, def) }));
  });
  return out;
}
