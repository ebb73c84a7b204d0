import {
  DomainEventType, DomainState, ErrorCode, PausedReason, ResumedDetail, RunningReason, ShutdownDetail, ShutoffReason, StoppedDetail,
  SuspendedDetail, DomainEventId, type Clock, type DomainDef, type DomainEvent, type DomainRef, type Logger,
} from '@virtkit/core';
import { removeFile } from './atomic-file.js';
import type { DomainStateStore } from './domain-state-store.js';
import { fail } from './errors.js';
import type { ExpectedTransition, KvmDomainObject, LiveDomain } from './kvm-domain.js';
import type { PortAllocator } from './port-allocator.js';
import type { QemuProcesses } from './qemu-process.js';
import type { QmpEvent } from './qmp-client.js';
import { domainEventsOfQmp, ioErrorDisk, ioErrorEvents } from './qmp-domain-events.js';
import { discardIncomingStorage, type DestinationPools } from './storage-migration.js';
import type { KvmDriverConfig } from './tokens.js';

/** What the lifecycle needs of its host. */
export interface LifecycleHost {
  readonly store: DomainStateStore;
  readonly processes: QemuProcesses;
  readonly ports: PortAllocator;
  /** The pools an incoming storage migration's volumes were created in, removed from if it does not finish. */
  readonly storage: DestinationPools;
  readonly config: KvmDriverConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  /** True once the host let go of its guests: a monitor that closes then is no exit. */
  readonly detached: boolean;
  emit(obj: KvmDomainObject, event: DomainEventType, detail: number): void;
  /** Queues a domain event other than a lifecycle change. */
  emitDomainEvent(event: DomainEvent): void;
  ref(obj: KvmDomainObject): DomainRef;
  /** Hands a guest's QMP event to libvirt-qemu's monitor event listeners. */
  emitMonitorEvent(obj: KvmDomainObject, e: QmpEvent): void;
  /** The guest's QEMU exited: the host devices made for it (taps) are removed. */
  releaseInterfaces(def: DomainDef): Promise<void>;
  /** obj has no QEMU any more: a transient domain leaves the domain table. */
  forgetIfTransient(obj: KvmDomainObject): void;
}

type Transition = 'STOP' | 'RESUME';

/**
 * Follows running guests: QMP events become lifecycle events and state
 * changes (written to the status file), the monitor closing becomes the
 * guest's exit. An operation that makes QEMU stop or resume says first what
 * the coming event means (expectTransition); an unexpected STOP is a pause
 * of unknown reason, an unexpected RESUME an unpause.
 */
export class QmpLifecycle {
  constructor(private readonly host: LifecycleHost) {}

  /**
   * Declares what QEMU's next `event` (STOP or RESUME) on `live` means:
   * the reason and detail to report, or 'reported' when the caller reports
   * the change itself. Returns a withdrawal for when the command failed;
   * it leaves a later declaration alone.
   */
  expectTransition(live: LiveDomain, event: Transition, meaning: ExpectedTransition): () => void {
    live.expected[event] = meaning;
    return () => { if (live.expected[event] === meaning) live.expected[event] = undefined; };
  }

  private takeExpected(live: LiveDomain, event: Transition): ExpectedTransition | undefined {
    const meaning = live.expected[event];
    live.expected[event] = undefined;
    return meaning;
  }

  /** Follows a live domain: QMP events to lifecycle events, monitor close to exit. */
  watch(obj: KvmDomainObject, live: LiveDomain): void {
    live.qmp.onEvent((e: QmpEvent) => this.onQmpEvent(obj, live, e));
    live.qmp.onClose(() => { void this.onMonitorClosed(obj, live); });
  }

  private onQmpEvent(obj: KvmDomainObject, live: LiveDomain, e: QmpEvent): void {
    if (obj.live !== live) return;
    this.host.emitMonitorEvent(obj, e);
    switch (e.event) {
      case 'STOP': {
        if (live.state !== DomainState.RUNNING) return;
        const p = this.takeExpected(live, 'STOP') ?? { reason: PausedReason.UNKNOWN, detail: SuspendedDetail.PAUSED };
        if (p !== 'reported') void this.setState(obj, DomainState.PAUSED, p.reason, [DomainEventType.SUSPENDED, p.detail]);
        break;
      }
      case 'RESUME': {
        const p = this.takeExpected(live, 'RESUME') ?? { reason: RunningReason.UNPAUSED, detail: ResumedDetail.UNPAUSED };
        if (p !== 'reported' && live.state === DomainState.PAUSED) void this.setState(obj, DomainState.RUNNING, p.reason, [DomainEventType.RESUMED, p.detail]);
        break;
      }
      case 'RESET':
        this.host.emitDomainEvent({ id: DomainEventId.REBOOT, domain: this.host.ref(obj) });
        break;
      case 'SHUTDOWN':
        if (e.data.guest === true && live.fakeReboot) {
          // reboot pressed the power button: the guest powered off, so QEMU (-no-shutdown) resets and runs it again.
          live.fakeReboot = false;
          this.expectTransition(live, 'STOP', 'reported');
          this.expectTransition(live, 'RESUME', 'reported');
          void live.qmp.execute('system_reset').then(() => live.qmp.execute('cont')).catch((err: Error) => this.host.logger.warn(`cannot restart ${obj.name} after its reboot: ${err.message}`));
          break;
        }
        if (e.data.guest === true && live.state !== DomainState.SHUTDOWN) {
          live.stopDetail ??= StoppedDetail.SHUTDOWN;
          void this.setState(obj, DomainState.SHUTDOWN, 1, [DomainEventType.SHUTDOWN, ShutdownDetail.GUEST]);
          // -no-shutdown keeps QEMU alive; on_poweroff destroy (the default) ends it.
          void live.qmp.execute('quit').catch(() => {});
        }
        break;
      case 'BLOCK_IO_ERROR': {
        // QEMU sends the error before it stops the guest for it: the coming STOP is an I/O error pause.
        if (e.data.action === 'stop' && live.state === DomainState.RUNNING) this.expectTransition(live, 'STOP', { reason: PausedReason.IOERROR, detail: SuspendedDetail.IOERROR });
        const domain = this.host.ref(obj);
        void ioErrorDisk(live.qmp, e).then((disk) => {
          if (disk) for (const ev of ioErrorEvents(e, domain, disk).events) this.host.emitDomainEvent(ev);
        }).catch((err: Error) => this.host.logger.warn(`cannot tell which disk of ${obj.name} failed: ${err.message}`));
        break;
      }
      default:
        for (const ev of domainEventsOfQmp(e, this.host.ref(obj), live.def)) this.host.emitDomainEvent(ev);
        break;
    }
  }

  /** The monitor closed: QEMU is exiting. Reports the domain shut off and forgets the process. */
  private async onMonitorClosed(obj: KvmDomainObject, live: LiveDomain): Promise<void> {
    const { processes, config, logger } = this.host;
    if (this.host.detached) {
      live.markExited();
      return;
    }
    if (!(await processes.waitForExit(live.pid, config.monitorLossGraceMs)) && obj.live === live && live.stopDetail === undefined) {
      // The monitor closed but QEMU lives on: reconnect rather than lose track of a running guest,
      // and never leave a QEMU nobody manages.
      try {
        live.qmp = await processes.connector.connect(live.monitorPath, { timeoutMs: 5000 });
        this.watch(obj, live);
        logger.warn(`lost the monitor of ${obj.name}; reconnected to QEMU ${live.pid}`);
        return;
      } catch (e) {
        logger.error(`lost the monitor of ${obj.name} and cannot reconnect (${(e as Error).message}); stopping QEMU ${live.pid}`);
        await processes.kill(live.pid);
      }
    }
    if (obj.live === live) {
      obj.live = undefined;
      if (live.migration?.role === 'destination' && live.migration.port !== undefined) this.host.ports.release(live.migration.port);
      // An incoming storage migration that did not finish: its NBD port and the disks Prepare created go.
      if (live.migration?.role === 'destination') await discardIncomingStorage(live.migration.storage, this.host.ports, this.host.storage);
      await this.host.store.removeStatus(obj.uuid);
      await removeFile(live.monitorPath);
      await this.host.releaseInterfaces(live.def);
      const detail = live.stopDetail ?? StoppedDetail.FAILED;
      // virDomainShutoffReason is virDomainEventStoppedDetailType shifted by one.
      obj.shutoffReason = detail <= StoppedDetail.FAILED ? ((detail + 1) as ShutoffReason) : ShutoffReason.UNKNOWN;
      if (live.migration?.role !== 'destination' || detail === StoppedDetail.MIGRATED) this.host.emit(obj, DomainEventType.STOPPED, detail);
      this.host.forgetIfTransient(obj);
    }
    live.markExited();
  }

  /** Writes the live domain's status file (queued); resolves when it is in place. */
  writeStatus(obj: KvmDomainObject): Promise<void> {
    return obj.live ? this.host.store.writeStatus(obj, obj.live) : Promise.resolve();
  }

  /**
   * Records a new state and writes the status file once. `event` is emitted
   * whenever it is given, also when the state stays the same (a guest
   * restored or migrated paused was paused while it loaded). Returns the
   * queued write: callers that need the state on disk await it; a failure is
   * logged either way.
   */
  setState(obj: KvmDomainObject, state: DomainState, reason: number, event?: [DomainEventType, number]): Promise<void> {
    const live = obj.live;
    if (!live) return Promise.resolve();
    live.state = state;
    live.reason = reason;
    if (event) this.host.emit(obj, event[0], event[1]);
    const written = this.writeStatus(obj);
    written.catch((e: Error) => this.host.logger.warn(`cannot write status of ${obj.name}: ${e.message}`));
    return written;
  }

  /** cont; RESUMED is reported here (not from QEMU's RESUME event) unless the guest already ran. */
  resumeLive(obj: KvmDomainObject, reason: RunningReason, detail: ResumedDetail): Promise<void> {
    return this.runTransition(obj, 'cont', 'RESUME', DomainState.RUNNING, reason, [DomainEventType.RESUMED, detail]);
  }

  /** stop; SUSPENDED is reported here (not from QEMU's STOP event) unless the guest was already paused. */
  pauseLive(obj: KvmDomainObject, reason: PausedReason, detail: SuspendedDetail): Promise<void> {
    return this.runTransition(obj, 'stop', 'STOP', DomainState.PAUSED, reason, [DomainEventType.SUSPENDED, detail]);
  }

  /**
   * Runs `command` and records `target`, reporting `event` unless the guest
   * already was in `target`. The state is on disk when this returns; a
   * failed write is logged and does not undo the change.
   */
  private async runTransition(obj: KvmDomainObject, command: 'cont' | 'stop', qmpEvent: Transition, target: DomainState, reason: number, event: [DomainEventType, number]): Promise<void> {
    const live = requireLive(obj);
    const report = live.state !== target ? event : undefined;
    const withdraw = this.expectTransition(live, qmpEvent, 'reported');
    try {
      await live.qmp.execute(command);
    } finally {
      withdraw();
    }
    await this.setState(obj, target, reason, report).catch(() => {});
  }

  /** Ends the QEMU process and waits until the exit is handled. */
  async destroyLive(obj: KvmDomainObject, detail: StoppedDetail): Promise<void> {
    const live = requireLive(obj);
    live.stopDetail = detail;
    await this.host.processes.kill(live.pid);
    if (this.host.processes.state(live.pid) === 'running') throw fail(ErrorCode.OPERATION_FAILED, `QEMU process ${live.pid} did not exit`);
    live.qmp.close();
    await live.exited;
  }

  /**
   * Presses the ACPI power button and waits for the guest to power off.
   * The press is repeated every second: one made while the guest is still
   * booting is lost. After the timeout the guest keeps running.
   */
  async shutdownLive(obj: KvmDomainObject): Promise<void> {
    const live = requireLive(obj);
    const { clock, config } = this.host;
    live.stopDetail = StoppedDetail.SHUTDOWN;
    const deadline = clock.monotonic() + config.shutdownTimeoutMs;
    let exited = false;
    void live.exited.then(() => { exited = true; });
    while (!exited && clock.monotonic() < deadline) {
      await live.qmp.execute('system_powerdown').catch((e: unknown) => { if (!live.qmp.closed) throw e; });
      const wait = new AbortController();
      await Promise.race([live.exited, clock.sleep(Math.min(1000, Math.max(0, deadline - clock.monotonic())), wait.signal).catch(() => {})]);
      wait.abort();
    }
    if (!exited) {
      live.stopDetail = undefined;
      throw fail(ErrorCode.OPERATION_TIMEOUT, `guest '${obj.name}' did not power off within ${config.shutdownTimeoutMs} ms of the ACPI power button; it is still running`);
    }
  }
}

/** The domain's QEMU; OPERATION_INVALID when it does not run. */
export function requireLive(obj: KvmDomainObject): LiveDomain {
  if (!obj.live) throw fail(ErrorCode.OPERATION_INVALID, 'domain is not running');
  return obj.live;
}
