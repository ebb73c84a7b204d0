import type { Domain } from './domain.js';
import { CheckpointCreateFlags, CheckpointDeleteFlags, CheckpointListFlags, CheckpointXmlFlags } from './checkpoint/flags.js';
import { hasCheckpointRole, type DomainCheckpointRef } from './driver/checkpoint.js';
import { ErrorCode, ErrorDomain, errorReporter } from './errors.js';
import { allFlags, checkFlags } from './flags.js';

const fail = errorReporter(ErrorDomain.NONE);

/** The checkpoint role of a domain's connection; NO_SUPPORT for drivers without one. */
function checkpoints(domain: Domain, write = false) {
  const c = write ? domain.connection.writable() : domain.connection.live();
  if (!hasCheckpointRole(c)) throw domain.connection.noSupport('domain checkpoints');
  return c;
}

/**
 * A handle on one checkpoint of one domain (virDomainCheckpointPtr). The
 * static members are virDomainCheckpointCreateXML, virDomainListAllCheckpoints
 * and the lookup, taking the domain as libvirt's calls do.
 */
export class DomainCheckpoint {
  constructor(readonly domain: Domain, private readonly ref: DomainCheckpointRef) {}

  get name(): string { return this.ref.name; }
  /** @internal */
  get driverRef(): DomainCheckpointRef { return this.ref; }

  private static handle(domain: Domain, ref: DomainCheckpointRef): DomainCheckpoint {
    return new DomainCheckpoint(domain.connection.domainHandle(ref.domain), ref);
  }

  /** virDomainCheckpointCreateXML. CheckpointCreateFlags; REDEFINE_VALIDATE only with REDEFINE. */
  static async create(domain: Domain, xml: string, flags = 0): Promise<DomainCheckpoint> {
    const F = CheckpointCreateFlags;
    checkFlags(flags, allFlags(F), 'virDomainCheckpointCreateXML');
    if ((flags & F.REDEFINE_VALIDATE) && !(flags & F.REDEFINE)) throw fail(ErrorCode.INVALID_ARG, "use of 'redefine-validate' flag in virDomainCheckpointCreateXML requires 'redefine' flag");
    return DomainCheckpoint.handle(domain, await checkpoints(domain, true).checkpointCreateXml(domain.driverRef, xml, flags));
  }

  /** virDomainListAllCheckpoints. CheckpointListFlags. */
  static async listAll(domain: Domain, flags = 0): Promise<DomainCheckpoint[]> {
    checkFlags(flags, allFlags(CheckpointListFlags), 'virDomainListAllCheckpoints');
    return (await checkpoints(domain).listCheckpoints(domain.driverRef, flags)).map((name) => new DomainCheckpoint(domain, { domain: domain.driverRef, name }));
  }

  static async lookupByName(domain: Domain, name: string, flags = 0): Promise<DomainCheckpoint> {
    return DomainCheckpoint.handle(domain, await checkpoints(domain).checkpointLookupByName(domain.driverRef, name, flags));
  }

  /** virDomainCheckpointListAllChildren. CheckpointListFlags. */
  async listAllChildren(flags = 0): Promise<DomainCheckpoint[]> {
    checkFlags(flags, allFlags(CheckpointListFlags), 'virDomainCheckpointListAllChildren');
    return (await checkpoints(this.domain).checkpointListChildren(this.ref, flags)).map((name) => new DomainCheckpoint(this.domain, { domain: this.ref.domain, name }));
  }

  async getParent(flags = 0): Promise<DomainCheckpoint> {
    return DomainCheckpoint.handle(this.domain, await checkpoints(this.domain).checkpointGetParent(this.ref, flags));
  }

  /** CheckpointXmlFlags (SECURE needs a writable connection). */
  async getXmlDesc(flags = 0): Promise<string> {
    checkFlags(flags, allFlags(CheckpointXmlFlags), 'virDomainCheckpointGetXMLDesc');
    return checkpoints(this.domain, !!(flags & CheckpointXmlFlags.SECURE)).checkpointGetXmlDesc(this.ref, flags);
  }

  /** virDomainCheckpointDelete. CheckpointDeleteFlags; CHILDREN and CHILDREN_ONLY exclude each other. */
  async delete(flags = 0): Promise<void> {
    const F = CheckpointDeleteFlags;
    checkFlags(flags, allFlags(F), 'virDomainCheckpointDelete');
    if ((flags & F.CHILDREN) && (flags & F.CHILDREN_ONLY)) {
      throw fail(ErrorCode.INVALID_ARG, "Flags 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN' and 'VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY' are mutually exclusive");
    }
    return checkpoints(this.domain, true).checkpointDelete(this.ref, flags);
  }
}
