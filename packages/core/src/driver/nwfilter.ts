import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';

/** How a driver names a network filter (remote_nonnull_nwfilter). */
export interface NWFilterRef {
  name: string;
  uuid: string;
}

/**
 * Network filters (libvirt's nwfilter driver: virConnectListAllNWFilters,
 * virNWFilterDefineXML, …), by UUID first, then name; a missing one is
 * NO_NWFILTER. Every `flags` is checked. @since 1.3
 */
export interface NWFilterRole {
  /** flags: 0. */
  listNWFilters(flags: number): Promise<NWFilterRef[]>;
  nwfilterLookupByName(name: string): Promise<NWFilterRef>;
  nwfilterLookupByUuid(uuid: string): Promise<NWFilterRef>;
  /** Defines (or redefines) a filter. NWFilterDefineFlags. */
  nwfilterDefineXml(xml: string, flags: number): Promise<NWFilterRef>;
  /** OPERATION_INVALID while a binding uses it. */
  nwfilterUndefine(filter: NWFilterRef): Promise<void>;
  /** flags: 0. */
  nwfilterGetXmlDesc(filter: NWFilterRef, flags: number): Promise<string>;
}

/** The methods DriverRole.NWFILTERS declares. */
export const NWFILTER_ROLE_METHODS: readonly string[] = [
  'listNWFilters', 'nwfilterLookupByName', 'nwfilterLookupByUuid', 'nwfilterDefineXml', 'nwfilterUndefine', 'nwfilterGetXmlDesc',
];

export function hasNWFilterRole(c: DriverConnection): c is DriverConnection & NWFilterRole {
  return c.features.has(DriverRole.NWFILTERS);
}

/** virNWFilterDefineFlags. */
export const NWFilterDefineFlags = { VALIDATE: 1 << 0 } as const;
