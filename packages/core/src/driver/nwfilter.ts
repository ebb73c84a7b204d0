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

/** How a driver names a filter binding (remote_nonnull_nwfilter_binding): its port device and filter. */
export interface NWFilterBindingRef {
  portdev: string;
  filter: string;
}

/**
 * Network filter bindings (virConnectListAllNWFilterBindings, …): a filter
 * applied to one guest port, named by the port device. Declared with the
 * filters themselves (DriverRole.NWFILTERS). @since 1.3
 */
export interface NWFilterBindingRole {
  /** flags: 0. */
  listNWFilterBindings(flags: number): Promise<NWFilterBindingRef[]>;
  /** NO_NWFILTER_BINDING when missing. */
  nwfilterBindingLookupByPortDev(portdev: string): Promise<NWFilterBindingRef>;
  /** NWFilterBindingCreateFlags. */
  nwfilterBindingCreateXml(xml: string, flags: number): Promise<NWFilterBindingRef>;
  nwfilterBindingDelete(binding: NWFilterBindingRef): Promise<void>;
  /** flags: 0. */
  nwfilterBindingGetXmlDesc(binding: NWFilterBindingRef, flags: number): Promise<string>;
}

/** virNWFilterBindingCreateFlags. */
export const NWFilterBindingCreateFlags = { VALIDATE: 1 << 0 } as const;

/** The methods DriverRole.NWFILTERS declares (filters and bindings). */
export const NWFILTER_ROLE_METHODS: readonly string[] = [
  'listNWFilters', 'nwfilterLookupByName', 'nwfilterLookupByUuid', 'nwfilterDefineXml', 'nwfilterUndefine', 'nwfilterGetXmlDesc',
  'listNWFilterBindings', 'nwfilterBindingLookupByPortDev', 'nwfilterBindingCreateXml', 'nwfilterBindingDelete', 'nwfilterBindingGetXmlDesc',
];

export function hasNWFilterRole(c: DriverConnection): c is DriverConnection & NWFilterRole & NWFilterBindingRole {
  return c.features.has(DriverRole.NWFILTERS);
}

/** virNWFilterDefineFlags. */
export const NWFilterDefineFlags = { VALIDATE: 1 << 0 } as const;
