import type { Connection } from './connection.js';
import { isUuid } from './domain/uuid.js';
import { hasNWFilterRole, NWFilterBindingCreateFlags, NWFilterDefineFlags, type NWFilterBindingRef, type NWFilterRef } from './driver/nwfilter.js';
import { ErrorCode, ErrorDomain, errorReporter } from './errors.js';
import { allFlags, checkFlags } from './flags.js';

const fail = errorReporter(ErrorDomain.NONE);

/** The nwfilter role; NO_SUPPORT naming libvirt's function (as virsh prints it) for drivers without one. */
function filters(conn: Connection, fn: string, write = false) {
  const c = write ? conn.writable() : conn.live();
  if (!hasNWFilterRole(c)) throw fail(ErrorCode.NO_SUPPORT, fn);
  return c;
}

/** A handle on one network filter (virNWFilterPtr). The static members are the connection's calls. */
export class NWFilter {
  constructor(readonly connection: Connection, private readonly ref: NWFilterRef) {}

  get name(): string { return this.ref.name; }
  get uuid(): string { return this.ref.uuid; }
  /** @internal */
  get driverRef(): NWFilterRef { return this.ref; }

  /** virConnectListAllNWFilters. Sorted by name. */
  static async listAll(conn: Connection, flags = 0): Promise<NWFilter[]> {
    checkFlags(flags, 0, 'virConnectListAllNWFilters');
    const refs = await filters(conn, 'virConnectListAllNWFilters').listNWFilters(flags);
    return refs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => new NWFilter(conn, r));
  }
  static async lookupByName(conn: Connection, name: string): Promise<NWFilter> { return new NWFilter(conn, await filters(conn, 'virNWFilterLookupByName').nwfilterLookupByName(name)); }
  static async lookupByUuid(conn: Connection, uuid: string): Promise<NWFilter> { return new NWFilter(conn, await filters(conn, 'virNWFilterLookupByUUID').nwfilterLookupByUuid(uuid)); }
  /** By UUID when the text is one and that finds it, else by name, as virsh looks a filter up. */
  static async lookup(conn: Connection, text: string): Promise<NWFilter> {
    if (isUuid(text)) {
      try { return await NWFilter.lookupByUuid(conn, text); } catch { /* fall through to name */ }
    }
    return NWFilter.lookupByName(conn, text);
  }
  /** virNWFilterDefineXMLFlags. NWFilterDefineFlags. */
  static async define(conn: Connection, xml: string, flags = 0): Promise<NWFilter> {
    checkFlags(flags, allFlags(NWFilterDefineFlags), 'virNWFilterDefineXMLFlags');
    return new NWFilter(conn, await filters(conn, 'virNWFilterDefineXML', true).nwfilterDefineXml(xml, flags));
  }

  async undefine(): Promise<void> { return filters(this.connection, 'virNWFilterUndefine', true).nwfilterUndefine(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> { return filters(this.connection, 'virNWFilterGetXMLDesc').nwfilterGetXmlDesc(this.ref, flags); }
}

/** A handle on one filter binding (virNWFilterBindingPtr), by port device. The static members are the connection's calls. */
export class NWFilterBinding {
  constructor(readonly connection: Connection, private readonly ref: NWFilterBindingRef) {}

  get portdev(): string { return this.ref.portdev; }
  get filterName(): string { return this.ref.filter; }
  /** @internal */
  get driverRef(): NWFilterBindingRef { return this.ref; }

  /** virConnectListAllNWFilterBindings. Sorted by port device. */
  static async listAll(conn: Connection, flags = 0): Promise<NWFilterBinding[]> {
    checkFlags(flags, 0, 'virConnectListAllNWFilterBindings');
    const refs = await filters(conn, 'virConnectListAllNWFilterBindings').listNWFilterBindings(flags);
    return refs.sort((a, b) => (a.portdev < b.portdev ? -1 : a.portdev > b.portdev ? 1 : 0)).map((r) => new NWFilterBinding(conn, r));
  }
  static async lookupByPortDev(conn: Connection, portdev: string): Promise<NWFilterBinding> {
    return new NWFilterBinding(conn, await filters(conn, 'virNWFilterBindingLookupByPortDev').nwfilterBindingLookupByPortDev(portdev));
  }
  /** virNWFilterBindingCreateXML. NWFilterBindingCreateFlags. */
  static async create(conn: Connection, xml: string, flags = 0): Promise<NWFilterBinding> {
    checkFlags(flags, allFlags(NWFilterBindingCreateFlags), 'virNWFilterBindingCreateXML');
    return new NWFilterBinding(conn, await filters(conn, 'virNWFilterBindingCreateXML', true).nwfilterBindingCreateXml(xml, flags));
  }

  async delete(): Promise<void> { return filters(this.connection, 'virNWFilterBindingDelete', true).nwfilterBindingDelete(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> { return filters(this.connection, 'virNWFilterBindingGetXMLDesc').nwfilterBindingGetXmlDesc(this.ref, flags); }
}
