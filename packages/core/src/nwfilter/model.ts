import type { XmlExtras } from '../xml/reader.js';
import type { XmlElement } from '../xml/tree.js';

/**
 * The typed model of libvirt's network filter XML (formatnwfilter:
 * `<filter>`): its identity, chain and priority, then its entries (the
 * filters it references and its rules) in document order, as libvirt
 * evaluates them. A rule is kept as written, so a parse/format round trip
 * loses nothing.
 */
export interface NWFilterDef {
  name: string;
  /** Lower-case 8-4-4-4-12; generated when the XML has none. */
  uuid: string;
  /** root, mac, vlan, stp, arp, rarp, ipv4, ipv6, or one of those with a '-suffix'. */
  chain?: string;
  /** -1000 … 1000; lower runs first. */
  priority?: number;
  entries: NWFilterEntry[];
  extras?: XmlExtras;
}

/** A <filterref filter=…/> (its <parameter>s kept in extras) or a <rule>, kept whole. */
export type NWFilterEntry = { kind: 'filterref'; filter: string; extras?: XmlExtras } | { kind: 'rule'; element: XmlElement };

/** The names of the filters a filter references, in order. */
export function nwfilterReferences(def: NWFilterDef): string[] {
  return def.entries.flatMap((e) => (e.kind === 'filterref' ? [e.filter] : []));
}
