import type { Connection } from './connection.js';
import type { Domain } from './domain.js';
import { hasSnapshotRole, type DomainSnapshotRef } from './driver/snapshot.js';
import { ErrorCode, ErrorDomain, errorReporter } from './errors.js';
import { allFlags, checkFlags } from './flags.js';
import { SnapshotCreateFlags, SnapshotDeleteFlags, SnapshotListFlags, SnapshotRevertFlags, SnapshotXmlFlags } from './snapshot/flags.js';

const fail = errorReporter(ErrorDomain.NONE);

/** The snapshot role of a domain's connection; NO_SUPPORT for drivers without one. */
function snapshots(conn: Connection, write = false) {
  const c = write ? conn.writable() : conn.live();
  if (!hasSnapshotRole(c)) throw conn.noSupport('domain snapshots');
  return c;
}

/** libvirt's VIR_EXCLUSIVE_FLAGS check of its public API. */
function exclusive(flags: number, a: number, b: number, names: [string, string]): void {
  if ((flags & a) && (flags & b)) throw fail(ErrorCode.INVALID_ARG, `Flags '${names[0]}' and '${names[1]}' are mutually exclusive`);
}

/**
 * A handle on one snapshot of one domain (virDomainSnapshotPtr). The
 * static members are virDomainSnapshotCreateXML, virDomainListAllSnapshots
 * and the lookups, taking the domain as libvirt's calls do.
 */
export class DomainSnapshot {
  constructor(readonly domain: Domain, private readonly ref: DomainSnapshotRef) {}

  get name(): string { return this.ref.name; }
  /** @internal */
  get driverRef(): DomainSnapshotRef { return this.ref; }

  private static handle(domain: Domain, ref: DomainSnapshotRef): DomainSnapshot {
    return new DomainSnapshot(domain.connection.domainHandle(ref.domain), ref);
  }

  /** virDomainSnapshotCreateXML. SnapshotCreateFlags; CURRENT only with REDEFINE. */
  static async create(domain: Domain, xml: string, flags = 0): Promise<DomainSnapshot> {
    const F = SnapshotCreateFlags;
    checkFlags(flags, allFlags(F), 'virDomainSnapshotCreateXML');
    if ((flags & F.CURRENT) && !(flags & F.REDEFINE)) throw fail(ErrorCode.INVALID_ARG, "use of 'current' flag in virDomainSnapshotCreateXML requires 'redefine' flag");
    exclusive(flags, F.REDEFINE, F.NO_METADATA, ['VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE', 'VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA']);
    exclusive(flags, F.HALT, F.LIVE, ['VIR_DOMAIN_SNAPSHOT_CREATE_HALT', 'VIR_DOMAIN_SNAPSHOT_CREATE_LIVE']);
    return DomainSnapshot.handle(domain, await snapshots(domain.connection, true).snapshotCreateXml(domain.driverRef, xml, flags));
  }

  /** virDomainListAllSnapshots. SnapshotListFlags. */
  static async listAll(domain: Domain, flags = 0): Promise<DomainSnapshot[]> {
    checkFlags(flags, allFlags(SnapshotListFlags), 'virDomainListAllSnapshots');
    const names = await snapshots(domain.connection).listSnapshots(domain.driverRef, flags);
    return names.map((name) => new DomainSnapshot(domain, { domain: domain.driverRef, name }));
  }

  /** virDomainSnapshotLookupByName. */
  static async lookupByName(domain: Domain, name: string, flags = 0): Promise<DomainSnapshot> {
    return DomainSnapshot.handle(domain, await snapshots(domain.connection).snapshotLookupByName(domain.driverRef, name, flags));
  }

  /** virDomainSnapshotCurrent: NO_DOMAIN_SNAPSHOT when the domain has no current snapshot. */
  static async current(domain: Domain, flags = 0): Promise<DomainSnapshot> {
    return DomainSnapshot.handle(domain, await snapshots(domain.connection).snapshotCurrent(domain.driverRef, flags));
  }

  /** virDomainHasCurrentSnapshot. */
  static async hasCurrent(domain: Domain, flags = 0): Promise<boolean> {
    return snapshots(domain.connection).hasCurrentSnapshot(domain.driverRef, flags);
  }

  /** virDomainSnapshotListAllChildren: children, or all descendants with DESCENDANTS. SnapshotListFlags. */
  async listAllChildren(flags = 0): Promise<DomainSnapshot[]> {
    checkFlags(flags, allFlags(SnapshotListFlags), 'virDomainSnapshotListAllChildren');
    const names = await snapshots(this.domain.connection).snapshotListChildren(this.ref, flags);
    return names.map((name) => new DomainSnapshot(this.domain, { domain: this.ref.domain, name }));
  }

  /** virDomainSnapshotGetParent: NO_DOMAIN_SNAPSHOT for a root. */
  async getParent(flags = 0): Promise<DomainSnapshot> {
    return DomainSnapshot.handle(this.domain, await snapshots(this.domain.connection).snapshotGetParent(this.ref, flags));
  }

  /** SnapshotXmlFlags (SECURE needs a writable connection). */
  async getXmlDesc(flags = 0): Promise<string> {
    checkFlags(flags, allFlags(SnapshotXmlFlags), 'virDomainSnapshotGetXMLDesc');
    return snapshots(this.domain.connection, !!(flags & SnapshotXmlFlags.SECURE)).snapshotGetXmlDesc(this.ref, flags);
  }

  async isCurrent(flags = 0): Promise<boolean> { return snapshots(this.domain.connection).snapshotIsCurrent(this.ref, flags); }
  async hasMetadata(flags = 0): Promise<boolean> { return snapshots(this.domain.connection).snapshotHasMetadata(this.ref, flags); }

  /** virDomainRevertToSnapshot. SnapshotRevertFlags; RUNNING and PAUSED exclude each other. */
  async revert(flags = 0): Promise<void> {
    const F = SnapshotRevertFlags;
    checkFlags(flags, allFlags(F), 'virDomainRevertToSnapshot');
    exclusive(flags, F.RUNNING, F.PAUSED, ['VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING', 'VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED']);
    return snapshots(this.domain.connection, true).revertToSnapshot(this.ref, flags);
  }

  /** virDomainSnapshotDelete. SnapshotDeleteFlags; CHILDREN and CHILDREN_ONLY exclude each other. */
  async delete(flags = 0): Promise<void> {
    const F = SnapshotDeleteFlags;
    checkFlags(flags, allFlags(F), 'virDomainSnapshotDelete');
    exclusive(flags, F.CHILDREN, F.CHILDREN_ONLY, ['VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN', 'VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY']);
    return snapshots(this.domain.connection, true).snapshotDelete(this.ref, flags);
  }
}
