import {
  DriverRole, ErrorCode, EventBus, MetadataType, isVirtError,
  type BlockStats, type DeviceDetachRole, type DomainAutostartRole, type DomainControlRole, type DomainEvent, type DomainEventRole, type DomainMetadataRole,
  type DomainRef, type DomainResourcesRole, type DomainStatsRecord, type DomainStatsRole, type DomainTimeRole, type InterfaceStats, type Logger,
  type ManagedSaveRole, type MemoryStat, type SchedulerRole, type TypedParams, type Unsubscribe,
} from '@virtkit/core';
import { TypedParamType } from '../protocol/constants.js';
import { DOMAIN_EVENT_IDS, domainEventDecoders } from '../protocol/domain-events.js';
import { type ProcArgs, type ProcName } from '../protocol/procedures.js';
import { toTypedParam, typedParamValue, type TypedParam } from '../protocol/types.js';
import { hyperToNumber, numberToHyper } from '../protocol/wire-values.js';
import type { RpcClient } from './rpc-client.js';

const fromWire = (params: TypedParam[]): TypedParams => Object.fromEntries(params.map((p) => [p.field, typedParamValue(p)]));

/** The domain-control roles as REMOTE procedures; the server checks flags and arguments, as libvirtd's public API does. */
export class RemoteDomainControl implements DomainControlRole, DomainResourcesRole, DomainAutostartRole, ManagedSaveRole, DomainMetadataRole,
  SchedulerRole, DomainStatsRole, DeviceDetachRole, DomainTimeRole, DomainEventRole {
  private readonly events: EventBus<DomainEvent>;
  /** The server-side callback ids, one per event id, while a listener is subscribed. */
  private registrations: Promise<number[]> | undefined;

  constructor(private readonly rpc: RpcClient, private readonly logger: Logger) {
    this.events = new EventBus(logger, 'domain');
    for (const d of domainEventDecoders()) rpc.onMessage(d.proc, (body) => this.events.emit(d.decode(body)));
  }

  async reboot(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_REBOOT', { dom, flags }); }
  async reset(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_RESET', { dom, flags }); }

  async setMemoryFlags(dom: DomainRef, kib: number, flags: number): Promise<void> { await this.rpc.call('DOMAIN_SET_MEMORY_FLAGS', { dom, memory: numberToHyper(kib), flags }); }
  async setVcpusFlags(dom: DomainRef, count: number, flags: number): Promise<void> { await this.rpc.call('DOMAIN_SET_VCPUS_FLAGS', { dom, nvcpus: count, flags }); }
  async getVcpusFlags(dom: DomainRef, flags: number): Promise<number> { return (await this.rpc.call('DOMAIN_GET_VCPUS_FLAGS', { dom, flags })).num; }

  async domainGetAutostart(dom: DomainRef): Promise<boolean> { return (await this.rpc.call('DOMAIN_GET_AUTOSTART', { dom })).autostart !== 0; }
  async domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> { await this.rpc.call('DOMAIN_SET_AUTOSTART', { dom, autostart: autostart ? 1 : 0 }); }

  async managedSave(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_MANAGED_SAVE', { dom, flags }); }
  async hasManagedSaveImage(dom: DomainRef, flags: number): Promise<boolean> { return (await this.rpc.call('DOMAIN_HAS_MANAGED_SAVE_IMAGE', { dom, flags })).result !== 0; }
  async managedSaveRemove(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_MANAGED_SAVE_REMOVE', { dom, flags }); }

  async getMetadata(dom: DomainRef, type: MetadataType, uri: string | undefined, flags: number): Promise<string> {
    return (await this.rpc.call('DOMAIN_GET_METADATA', { dom, type, uri, flags })).metadata;
  }
  async setMetadata(dom: DomainRef, type: MetadataType, metadata: string | undefined, key: string | undefined, uri: string | undefined, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_SET_METADATA', { dom, type, metadata, key, uri, flags });
  }

  async getSchedulerType(dom: DomainRef): Promise<{ type: string; nparams: number }> { return this.rpc.call('DOMAIN_GET_SCHEDULER_TYPE', { dom }); }
  /**
   * The *Flags call with the server's parameter count (GET_SCHEDULER_TYPE
   * first, as libvirt's client asks). Core adds TYPED_PARAM_STRING_OKAY for
   * the *Flags form; the legacy form (flags 0) is the legacy procedure.
   */
  async getSchedulerParameters(dom: DomainRef, flags: number): Promise<TypedParams> {
    const { nparams } = await this.getSchedulerType(dom);
    const r = flags === 0 ? await this.rpc.call('DOMAIN_GET_SCHEDULER_PARAMETERS', { dom, nparams }) : await this.rpc.call('DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS', { dom, nparams, flags });
    return fromWire(r.params);
  }
  /** Each value with the type the server's own parameters have (virsh's rule: the get reply tells the set's types). */
  async setSchedulerParameters(dom: DomainRef, params: TypedParams, flags: number): Promise<void> {
    const { nparams } = await this.getSchedulerType(dom);
    const current = (await this.rpc.call('DOMAIN_GET_SCHEDULER_PARAMETERS', { dom, nparams })).params;
    const wire = Object.entries(params).map(([field, v]): TypedParam => {
      const like = current.find((p) => p.field === field);
      return like && typeof v === 'number' ? { field, value: retype(like.value.type, v) ?? toTypedParam(field, v).value } : toTypedParam(field, v);
    });
    await this.rpc.call('DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS', { dom, params: wire, flags });
  }

  async blockStats(dom: DomainRef, path: string): Promise<BlockStats> {
    const r = await this.rpc.call('DOMAIN_BLOCK_STATS', { dom, path });
    return { rdReq: hyperToNumber(r.rd_req), rdBytes: hyperToNumber(r.rd_bytes), wrReq: hyperToNumber(r.wr_req), wrBytes: hyperToNumber(r.wr_bytes), errs: hyperToNumber(r.errs) };
  }
  async interfaceStats(dom: DomainRef, path: string): Promise<InterfaceStats> {
    const r = await this.rpc.call('DOMAIN_INTERFACE_STATS', { dom, device: path });
    return {
      rxBytes: hyperToNumber(r.rx_bytes), rxPackets: hyperToNumber(r.rx_packets), rxErrs: hyperToNumber(r.rx_errs), rxDrop: hyperToNumber(r.rx_drop),
      txBytes: hyperToNumber(r.tx_bytes), txPackets: hyperToNumber(r.tx_packets), txErrs: hyperToNumber(r.tx_errs), txDrop: hyperToNumber(r.tx_drop),
    };
  }
  async memoryStats(dom: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]> {
    return (await this.rpc.call('DOMAIN_MEMORY_STATS', { dom, maxStats: nrStats, flags })).stats.map((s) => ({ tag: s.tag, val: hyperToNumber(s.val) }));
  }
  async getAllDomainStats(doms: DomainRef[] | undefined, stats: number, flags: number): Promise<DomainStatsRecord[]> {
    const r = await this.rpc.call('CONNECT_GET_ALL_DOMAIN_STATS', { doms: doms ?? [], stats, flags });
    return r.retStats.map((s) => ({ domain: s.dom, params: fromWire(s.params) }));
  }

  async detachDevice(dom: DomainRef, xml: string, flags: number): Promise<void> { await this.rpc.call('DOMAIN_DETACH_DEVICE_FLAGS', { dom, xml, flags }); }

  async getTime(dom: DomainRef, flags: number): Promise<{ seconds: number; nseconds: number }> {
    const r = await this.rpc.call('DOMAIN_GET_TIME', { dom, flags });
    return { seconds: hyperToNumber(r.seconds), nseconds: r.nseconds };
  }
  /** With SYNC the time is not read: zero goes on the wire, as libvirt's client sends it. */
  async setTime(dom: DomainRef, time: { seconds: number; nseconds: number } | undefined, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_SET_TIME', { dom, seconds: numberToHyper(time?.seconds ?? 0), nseconds: time?.nseconds ?? 0, flags });
  }

  /** One server-side callback per event id for the first listener; all removed with the last. */
  onDomainEvent(listener: (event: DomainEvent) => void): Unsubscribe {
    const off = this.events.subscribe(listener);
    this.registrations ??= this.register();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.events.listenerCount > 0 || !this.registrations) return;
      const regs = this.registrations;
      this.registrations = undefined;
      regs.then((ids) => Promise.all(ids.map((callbackID) => this.rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', { callbackID }))))
        .catch((e) => this.logger.debug('domain event deregistration failed', { error: (e as Error).message }));
    };
  }

  /** Resolves when the server-side registrations are in place (for callers that must not miss an event). */
  async domainEventsReady(): Promise<void> {
    await this.registrations;
  }

  private async register(): Promise<number[]> {
    const ids = DOMAIN_EVENT_IDS;
    const answers = await Promise.allSettled(ids.map((eventID) => this.rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', { eventID, dom: undefined })));
    const registered: number[] = [];
    answers.forEach((a, i) => {
      if (a.status === 'fulfilled') registered.push(a.value.callbackID);
      // An older server does not know the newest ids (libvirt 9.0 has no NIC_MAC_CHANGE): nothing to hear from it.
      else if (/unsupported event ID/.test((a.reason as Error).message)) this.logger.debug('server has no such domain event', { eventID: ids[i] });
      else this.logger.warn('domain event registration failed', { eventID: ids[i], error: (a.reason as Error).message });
    });
    return registered;
  }

  close(): void {
    this.events.clear();
  }
}

/** A number in the typed-parameter arm `type` (virTypedParameterType) names; undefined for a non-integer arm. */
function retype(type: number, v: number): TypedParam['value'] | undefined {
  switch (type) {
    case TypedParamType.INT: return { type, i: v };
    case TypedParamType.UINT: return { type, ui: v };
    case TypedParamType.LLONG: return { type, l: BigInt(v) };
    case TypedParamType.ULLONG: return { type, ul: BigInt(v) };
    default: return undefined;
  }
}

/**
 * The calls that tell whether the server's driver has each role, all on a
 * domain that cannot exist (a nil UUID): a server with the role answers
 * NO_DOMAIN (or a read-only refusal, or any other error of the call), one
 * without it NO_SUPPORT, and a server that does not know the procedure
 * "unknown procedure", which the client maps to NO_SUPPORT too. Read calls
 * where the role has one. Domain events ride on REMOTE_EVENT_CALLBACK and
 * are not probed.
 */
const PROBE_DOM: DomainRef = { name: 'virtkit-role-probe', uuid: '00000000-0000-0000-0000-000000000000', id: -1 };
const ROLE_PROBES: ReadonlyArray<{ [N in ProcName]: readonly [number, N, ProcArgs<N>] }[ProcName]> = [
  [DriverRole.DOMAIN_CONTROL, 'DOMAIN_RESET', { dom: PROBE_DOM, flags: 0 }],
  [DriverRole.DOMAIN_RESOURCES, 'DOMAIN_GET_VCPUS_FLAGS', { dom: PROBE_DOM, flags: 0 }],
  [DriverRole.DOMAIN_AUTOSTART, 'DOMAIN_GET_AUTOSTART', { dom: PROBE_DOM }],
  [DriverRole.MANAGED_SAVE, 'DOMAIN_HAS_MANAGED_SAVE_IMAGE', { dom: PROBE_DOM, flags: 0 }],
  [DriverRole.DOMAIN_METADATA, 'DOMAIN_GET_METADATA', { dom: PROBE_DOM, type: MetadataType.DESCRIPTION, uri: undefined, flags: 0 }],
  [DriverRole.SCHEDULER, 'DOMAIN_GET_SCHEDULER_TYPE', { dom: PROBE_DOM }],
  [DriverRole.DOMAIN_STATS, 'DOMAIN_MEMORY_STATS', { dom: PROBE_DOM, maxStats: 1, flags: 0 }],
  [DriverRole.DEVICE_DETACH, 'DOMAIN_DETACH_DEVICE_FLAGS', { dom: PROBE_DOM, xml: '<disk/>', flags: 0 }],
  [DriverRole.DOMAIN_TIME, 'DOMAIN_GET_TIME', { dom: PROBE_DOM, flags: 0 }],
];

/** The domain-control probes, for serverRoles (remote-roles.ts), which applies the one declaration rule to every probed role. */
export const DOMAIN_CONTROL_PROBES: ReadonlyArray<{ role: number; probe(rpc: RpcClient): Promise<unknown> }> =
  ROLE_PROBES.map(([role, name, args]) => ({ role, probe: (rpc: RpcClient) => rpc.call(name, args as never) }));
