import { DEFAULT_NUMA_CELLS, type TestNumaCell } from './default-host.js';
import {
  DomainObjectList, ErrorDomain, EventBus, HostObjectEvents, JobTracker, errorReporter,
  type Clock, type DomainDef, type DomainEvent, type DomainEventType, type DomainLifecycleEvent, type DomainRef, type DomainState, type Logger,
} from '@virtkit/core';
import type { IncomingMigration, MigrationPayload } from './migration-stream.js';
import { testNetworkList } from './test-network.js';
import { TestStorage } from './test-storage.js';
import { testSnapshotList } from './test-snapshots.js';
import { testCheckpointList } from './test-checkpoints.js';
import { TestInterfaces } from './test-interfaces.js';
import { TestNodeDevices } from './test-node-devices.js';

/** Raises the test driver's errors (VIR_FROM_TEST), worded from the code. */
export const testError = errorReporter(ErrorDomain.TEST);

/** A domain as one test host keeps it. */
export class TestDomain {
  /** The running configuration while active. */
  liveDef?: DomainDef;
  /** -1 when inactive. */
  id = -1;
  /** Monotonic ms when it last started running, for CPU time. */
  runningSince?: number;
  /** CPU time accumulated before runningSince, in ns. */
  cpuTimeNs = 0n;
  /** Set while the domain is the destination of an incoming migration; `key` names it in TestHost.incoming. */
  incoming?: { key: string; complete: boolean; failed?: string };
  /** Set between a v3 Perform that sent the guest and Confirm3: the source waits, paused, for the outcome. */
  outgoing?: { wasPaused: boolean };
  /** virDomainMigrateSetMaxDowntime (ms) and SetMaxSpeed (MiB/s, 0: unlimited). */
  migrationLimits = { downtimeMs: 300, speedMiB: 0 };
  /** Its snapshots (test-snapshots.ts). */
  readonly snapshots = testSnapshotList();
  /** Its checkpoints (test-checkpoints.ts). */
  readonly checkpoints = testCheckpointList();
  /** virDomainSetAutostart; kept in memory like everything on a test host. */
  autostart = false;
  /** The guest's clock (virDomainGetTime / SetTime), which libvirt's test driver keeps per domain from this instant. */
  guestTime = { seconds: 627319920, nseconds: 0 };
  /** Whether the guest's / and /boot are frozen (virDomainFSFreeze, test-domain-guest.ts). */
  frozen: boolean[] = [false, false];
  /** A managed save image exists: the next create starts from it (test-domain-control.ts). */
  managedSave = false;

  constructor(
    /** The persistent definition, or the live one of a transient domain. */
    public def: DomainDef,
    public persistent: boolean,
    public state: DomainState,
    public reason: number,
  ) {}

  get uuid(): string {
    return this.def.uuid;
  }

  get name(): string {
    return (this.liveDef ?? this.def).name;
  }
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

/**
 * One in-memory hypervisor host: its domains, jobs and event stream, on
 * core's shared domain list, job tracker and event bus. Shared by every
 * connection opened to the same test:/// path within one Virt.
 */
export class TestHost {
  readonly domains = new DomainObjectList<TestDomain>(testError);
  readonly jobs: JobTracker;
  readonly events: EventBus<DomainLifecycleEvent>;
  /** Reboot, device and metadata events (core's DomainEventRole). */
  readonly domainEvents: EventBus<DomainEvent>;
  /** Incoming migrations between Prepare and Finish, by destination name. */
  readonly incoming = new Map<string, IncomingRecord>();
  /** The host's virtual networks (in memory, test-network.ts). */
  readonly networks = testNetworkList();
  /** Network and storage pool events. */
  readonly objectEvents: HostObjectEvents;
  /** Storage pools and volumes, in memory. */
  readonly storage: TestStorage;
  /** Host interfaces and their change transaction, in memory. */
  readonly interfaces = new TestInterfaces();
  /** Host devices, in memory. */
  readonly nodeDevices = new TestNodeDevices();
  /** NUMA cells for the host-info calls (test-host-info.ts); a `<node>` file's host has none. */
  numaCells: readonly TestNumaCell[] = DEFAULT_NUMA_CELLS;

  constructor(readonly path: string, clock: Clock, logger: Logger) {
    this.jobs = new JobTracker(clock, testError);
    this.events = new EventBus(logger, 'lifecycle');
    this.objectEvents = new HostObjectEvents(logger);
    this.storage = new TestStorage(this.objectEvents);
    this.domainEvents = new EventBus(logger, 'domain');
  }

  /** Forgets the incoming migration prepared under `key` and closes its listener; returns it. */
  dropIncoming(key: string): IncomingRecord | undefined {
    const inc = this.incoming.get(key);
    this.incoming.delete(key);
    inc?.stream?.close();
    return inc;
  }

  ref(d: TestDomain): DomainRef {
    return { name: d.name, uuid: d.uuid, id: d.id };
  }

  emit(d: TestDomain, event: DomainEventType, detail: number): void {
    this.events.emit({ domain: this.ref(d), event, detail });
  }
}
