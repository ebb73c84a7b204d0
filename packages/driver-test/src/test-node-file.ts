import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DomainState, ErrorCode, RunningReason, ShutoffReason, domainFromElement, formatXmlElement, parseXmlDocument,
  type Clock, type DomainDef, type Logger, type XmlElement,
} from '@virtkit/core';
import { TestDomain, TestHost, testError } from './host.js';
import { TestNetworkCalls } from './test-network.js';
import type { TestUser } from './test-auth.js';

/** libvirt's namespace for test-driver extensions inside a <domain> (runstate, transient). */
const TEST_NS = 'http://libvirt.org/schemas/domain/test/1.0';

async function readXmlFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw testError(ErrorCode.OPEN_FAILED, `${file}: ${(e as Error).message}`);
  }
}

/** An element of the <node> document, or the root of the file its `file=` attribute names (relative to the document). */
async function inlineOrFile(el: XmlElement, docFile: string): Promise<XmlElement> {
  const rel = el.attrs.file;
  if (rel === undefined) return el;
  const file = path.isAbsolute(rel) ? rel : path.join(path.dirname(docFile), rel);
  const root = parseXmlDocument(await readXmlFile(file));
  if (root.name !== el.name) throw testError(ErrorCode.XML_ERROR, `expecting root element of '${el.name}', not '${root.name}'`);
  return root;
}

const childElements = (el: XmlElement, name: string) => el.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);

/**
 * A <domain> of the node document: its test:runstate (a virDomainState
 * number, default running) and test:transient, which libvirt's test
 * driver reads from its namespace and does not print back.
 */
function testDomain(el: XmlElement): { def: DomainDef; state: DomainState; transient: boolean } {
  const prefix = Object.entries(el.attrs).find(([k, v]) => k.startsWith('xmlns:') && v === TEST_NS)?.[0].slice('xmlns:'.length);
  let state: DomainState = DomainState.RUNNING as DomainState;
  let transient = false;
  const kept = el.children.filter((c) => {
    if (prefix === undefined || c.kind !== 'element' || !c.name.startsWith(`${prefix}:`)) return true;
    const local = c.name.slice(prefix.length + 1);
    const text = c.children.map((t) => (t.kind === 'text' ? t.text : '')).join('').trim();
    if (local === 'runstate') {
      if (!/^\d+$/.test(text) || Number(text) > DomainState.PMSUSPENDED) throw testError(ErrorCode.XML_ERROR, `runstate '${text}' out of range'`);
      state = Number(text);
    } else if (local === 'transient') {
      transient = true;
    }
    return false;
  });
  if (transient && state === DomainState.SHUTOFF) throw testError(ErrorCode.XML_ERROR, "transient domain cannot have runstate 'shutoff'");
  const attrs = Object.fromEntries(Object.entries(el.attrs).filter(([k]) => prefix === undefined || k !== `xmlns:${prefix}`));
  return { def: domainFromElement({ ...el, attrs, children: kept }), state, transient };
}

/**
 * Builds a test host from libvirt's custom test-driver configuration: a
 * `<node>` document (test:///ABSOLUTE/PATH.xml) with domains, networks,
 * interfaces, storage pools (their <volume>s inside) and node devices, each
 * inline or in a file named by `file=`. As libvirt's testOpenFromFile:
 * every object starts active, domains running unless test:runstate says
 * otherwise, and each open gets a host of its own. The <auth> block's
 * users are returned for the open to authenticate against.
 */
export async function loadTestNodeFile(file: string, clock: Clock, logger: Logger): Promise<{ host: TestHost; users: TestUser[] }> {
  const root = parseXmlDocument(await readXmlFile(file));
  if (root.name !== 'node') throw testError(ErrorCode.XML_ERROR, `expecting root element of 'node', not '${root.name}'`);
  const host = new TestHost(file, clock, logger);
  host.numaCells = [];
  for (const el of childElements(root, 'domain')) {
    const { def, state, transient } = testDomain(await inlineOrFile(el, file));
    if (def.type !== 'test') throw testError(ErrorCode.CONFIG_UNSUPPORTED, `domain type '${def.type}' is not supported by the test driver (expected 'test')`);
    delete def.id;
    host.domains.checkConflicts(def);
    const d = host.domains.add(new TestDomain(def, !transient, state, state === DomainState.SHUTOFF ? ShutoffReason.UNKNOWN : RunningReason.UNKNOWN));
    if (state !== DomainState.SHUTOFF) {
      d.id = host.domains.allocateId();
      d.liveDef = { ...structuredClone(def), id: d.id };
      d.runningSince = clock.monotonic();
    }
  }
  const networks = new TestNetworkCalls(host);
  for (const el of childElements(root, 'network')) {
    const ref = await networks.networkDefineXml(formatXmlElement(await inlineOrFile(el, file)), 0);
    await networks.networkCreate(ref);
  }
  for (const el of childElements(root, 'interface')) {
    const ref = await host.interfaces.interfaceDefineXml(formatXmlElement(await inlineOrFile(el, file)), 0);
    await host.interfaces.interfaceCreate(ref, 0);
  }
  for (const el of childElements(root, 'pool')) {
    const pool = await inlineOrFile(el, file);
    const volumes = childElements(pool, 'volume');
    const ref = await host.storage.storagePoolDefineXml(formatXmlElement({ ...pool, children: pool.children.filter((c) => !(c.kind === 'element' && c.name === 'volume')) }), 0);
    await host.storage.storagePoolCreate(ref, 0);
    for (const v of volumes) await host.storage.storageVolCreateXml(ref, formatXmlElement(await inlineOrFile(v, file)), 0);
  }
  for (const el of childElements(root, 'device')) host.nodeDevices.addXml(formatXmlElement(await inlineOrFile(el, file)));
  const users = childElements(root, 'auth').flatMap((a) => childElements(a, 'user')).map((u) => {
    const username = u.children.map((t) => (t.kind === 'text' ? t.text : '')).join('').trim();
    if (username === '' || u.attrs.password === undefined) throw testError(ErrorCode.XML_ERROR, 'missing username or password in <auth>');
    return { username, password: u.attrs.password };
  });
  return { host, users };
}
