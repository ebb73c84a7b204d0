#!/usr/bin/env node
// Checks the xend S-expression <-> domain XML converters against a folder of
// libvirt's sexpr2xml / xml2sexpr test pairs. Not part of npm test.
// Usage: node packages/driver-xen/scripts/check-corpus.mjs CORPUS_DIR
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { formatDomainXml, parseDomainXml } from '@virtkit/core';
import { domainFromSexpr, domainToSexpr, formatSexpr, parseSexpr, parseXenDomainXml } from '@virtkit/driver-xen';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-corpus.mjs CORPUS_DIR');
  process.exit(2);
}
// libvirt's test loader deletes every backslash-newline pair.
const load = (f) => readFileSync(path.join(dir, f), 'utf8').replace(/\\\n/g, '');
/** Some fixtures have one parenthesis too many or too few, which libvirt's reader tolerates; balance them and say so. */
const unbalanced = new Set();
function parseFixture(name, text) {
  let depth = 0;
  let out = '';
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) { if (ch === '\\') { out += ch + text[++i]; continue; } if (ch === quote) quote = null; }
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') { if (depth === 0) { unbalanced.add(`${name}: extra ')'`); continue; } depth--; }
    out += ch;
  }
  if (depth > 0) unbalanced.add(`${name}: ${depth} missing ')'`);
  return parseSexpr(out + ')'.repeat(depth));
}

/** Drops what libvirt adds as its own defaults, so two documents compare on content. */
function normalizeXml(xml) {
  const def = parseXenDomainXml(xml);
  for (const x of def.extras?.children ?? []) x.after = 'vcpu';
  const hvm = def.os.type === 'hvm';
  if (hvm && def.os.boot.length === 0) def.os.boot = ['hd'];
  // An HVM clock in xend is always 'variable' with a basis; offset 0 from utc is plain utc.
  if (def.clock?.offset === 'variable' && (def.clock.extras?.attrs.adjustment ?? '0') === '0') {
    def.clock = { offset: def.clock.extras?.attrs.basis === 'localtime' ? 'localtime' : 'utc', timers: [] };
  }
  if (hvm && def.devices.serials.length === 0 && def.devices.consoles.length > 0) def.devices.serials = [{ type: 'pty', target: { port: '0' } }];
  for (const nic of def.devices.interfaces) for (const x of nic.extras?.children ?? []) if (x.node.name === 'ip') delete x.node.attrs.family;
  delete def.id;
  if (def.vcpu.placement === 'static') delete def.vcpu.placement;
  if (def.currentMemory && def.currentMemory.kib === def.memory.kib) delete def.currentMemory;
  if (def.os.loader) delete def.os.loader.type;
  if (def.clock) {
    const a = def.clock.extras?.attrs ?? {};
    if (a.adjustment === 'reset') delete a.adjustment;
    if (def.clock.extras && Object.keys(a).length === 0 && def.clock.extras.children.length === 0) delete def.clock.extras;
    if (def.clock.offset === 'utc' && !def.clock.extras) delete def.clock;
  }
  const d = def.devices;
  for (const disk of d.disks) {
    if (disk.extras) disk.extras.children = disk.extras.children.filter((c) => c.node.name !== 'backingStore');
    if (disk.extras && disk.extras.children.length === 0 && Object.keys(disk.extras.attrs).length === 0) delete disk.extras;
    if (disk.address?.type === 'drive') delete disk.address;
    disk.target.dev = disk.target.dev.replace(/^ioemu:/, '');
    disk.target.bus ??= /^xvd/.test(disk.target.dev) ? 'xen' : /^hd/.test(disk.target.dev) ? 'ide' : undefined;
    if (disk.sourcePath !== undefined && !disk.driver) disk.driver = { name: disk.type === 'block' ? 'phy' : 'file' };
    if (disk.device === 'cdrom') disk.readonly = true;
    if (disk.driver?.name === 'tap' || disk.driver?.name === 'tap2') disk.driver.type = !disk.driver.type || disk.driver.type === 'aio' ? 'raw' : disk.driver.type;
  }
  for (const nic of d.interfaces) if (nic.targetDev?.startsWith('vif')) delete nic.targetDev;
  // libvirt keeps disks ordered by bus and target.
  d.disks.sort((a, b) => (a.target.bus ?? '').localeCompare(b.target.bus ?? '') || a.target.dev.localeCompare(b.target.dev));
  // libvirt ignores attributes it does not know on a character device's source (e.g. wiremode).
  for (const c of d.serials) if (c.source) delete c.source.wiremode;
  d.controllers = d.controllers.filter((c) => c.type !== 'ide');
  d.inputs = d.inputs.filter((i) => i.bus !== 'xen' && i.bus !== 'ps2');
  d.videos = [];
  delete d.memballoon;
  for (const g of d.graphics) {
    delete g.extras;
    g.attrs.autoport ??= g.attrs.port === '-1' ? 'yes' : 'no';
    g.attrs = Object.fromEntries(Object.entries(g.attrs).sort());
    delete g.attrs.passwd;
  }
  // libvirt derives the console from the first serial port (HVM) or adds the PV console itself.
  d.consoles = [];
  return formatDomainXml(def);
}

let pass = 0;
const failures = [];
function check(label, actual, expected) {
  if (actual === expected) pass++;
  else failures.push(`${label}\n--- expected\n${expected}\n--- actual\n${actual}`);
}
function attempt(label, f) {
  try {
    f();
  } catch (e) {
    failures.push(`${label}: ${e.message}`);
  }
}

const files = readdirSync(dir);
for (const f of files.filter((x) => x.endsWith('.sexpr')).sort()) {
  const base = f.slice(0, -'.sexpr'.length);
  const xmlFile = base.startsWith('xml2sexpr-fv-v2') ? 'xml2sexpr-fv.xml' : `${base}.xml`;
  if (!files.includes(xmlFile)) continue;
  const sexprText = load(f);
  const xml = load(xmlFile);
  if (base.startsWith('sexpr2xml-')) {
    attempt(`${base}: sexpr -> xml`, () => check(`${base}: sexpr -> xml`, normalizeXml(formatDomainXml(domainFromSexpr(parseFixture(f, sexprText)))), normalizeXml(xml)));
    attempt(`${base}: xml -> sexpr`, () => {
      const mine = domainToSexpr(parseXenDomainXml(xml));
      check(`${base}: xml -> sexpr (compared as XML)`, normalizeXml(formatDomainXml(domainFromSexpr(mine))), normalizeXml(formatDomainXml(domainFromSexpr(parseFixture(f, sexprText)))));
    });
  } else {
    attempt(`${base}: xml -> sexpr`, () => check(`${base}: xml -> sexpr (exact tree)`, formatSexpr(domainToSexpr(parseXenDomainXml(xml))), formatSexpr(parseFixture(f, sexprText))));
    attempt(`${base}: sexpr -> xml`, () => check(`${base}: sexpr -> xml`, normalizeXml(formatDomainXml(domainFromSexpr(parseFixture(f, sexprText)))), normalizeXml(xml)));
  }
}
for (const f of failures) console.log(`FAIL ${f}\n`);
for (const u of unbalanced) console.log(`note: fixture ${u} (balanced before parsing)`);
console.log(`${pass} checks passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
