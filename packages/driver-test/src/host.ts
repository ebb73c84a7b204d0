import { EventEmitter } from 'node:events';
import {
  type DomainDef, type DomainLifecycleEvent, type DomainRef, DomainEventType, DomainState, ErrorCode, ErrorDomain,
  type JobInfo, VirtError,
} from '@virtkit/core';
import type { IncomingMigration, MigrationPayload } from './migration-stream.js';

/** A domain as one test host keeps it. */
export interface TestDomain {
  /** The persistent definition, or the live one of a transient domain. */
  def: DomainDef;
  /** The running configuration while active. */
  liveDef?: DomainDef;
  persistent: boolean;
  state: DomainState;
  reason: number;
  /** -1 when inactive. */
  id: number;
  /** Monotonic ms when it last started running, for CPU time. */
  runningSince?: number;
  /** CPU time accumulated before runningSince, in ns. */
  cpuTimeNs: bigint;
  job?: TestJob;
  lastJob?: JobInfo;
  /** Set while the domain is the destination of an incoming migration. */
  incoming?: { complete: boolean; failed?: string };
}

/** An incoming migration, between the destination's Prepare and Finish. */
export interface IncomingRecord {
  stream?: IncomingMigration;
  payload?: MigrationPayload;
  uuid: string;
  /** The definition an offline migration carries. */
  offlineDef?: DomainDef;
  offline: boolean;
  /** Whether the destination already had a persistent definition of this guest. */
  hadDefinition: boolean;
}

/** A background job (outgoing migration) and its progress. */
export interface TestJob {
  info: JobInfo;
  startedAt: number;
  abort: AbortController;
}

export function testError(code: ErrorCode, message: string): VirtError {
  return new VirtError({ code, domain: ErrorDomain.TEST, message });
}

export function noDomain(what: string): VirtError {
  return testError(ErrorCode.NO_DOMAIN, `Domain not found: ${what}`);
}

/**
 * One in-memory hypervisor host: its domains, id counter and event stream.
 * Shared by every connection opened to the same test:/// path within one Virt.
 */
export class TestHost {
  readonly domains = new Map<string, TestDomain>();
  private nextId = 1;
  /** Incoming migrations between Prepare and Finish, by destination name. */
  readonly incoming = new Map<string, IncomingRecord>();
  private readonly events = new EventEmitter();

  constructor(readonly path: string) {
    this.events.setMaxListeners(0);
  }

  allocateId(): number {
    return this.nextId++;
  }

  ref(d: TestDomain): DomainRef {
    return { name: (d.liveDef ?? d.def).name, uuid: d.def.uuid, id: d.id };
  }

  byName(name: string): TestDomain | undefined {
    for (const d of this.domains.values()) if ((d.liveDef ?? d.def).name === name) return d;
    return undefined;
  }

  /** Resolves a handle by UUID, falling back to the name (libvirt's virDomainObjListFindByUUID). */
  get(ref: DomainRef): TestDomain {
    const d = this.domains.get(ref.uuid) ?? (ref.uuid ? undefined : this.byName(ref.name));
    if (!d) throw noDomain(`no domain with matching uuid '${ref.uuid}' (${ref.name})`);
    return d;
  }

  emit(d: TestDomain, event: DomainEventType, detail: number): void {
    const e: DomainLifecycleEvent = { domain: this.ref(d), event, detail };
    this.events.emit('lifecycle', e);
  }

  onLifecycle(listener: (e: DomainLifecycleEvent) => void): () => void {
    this.events.on('lifecycle', listener);
    return () => this.events.off('lifecycle', listener);
  }
}
