import { DriverRole, ErrorCode, ErrorDomain, forwardRole, isVirtError, type Logger } from '@virtkit/core';
import type { RpcClient } from './rpc-client.js';
import { RemoteInterfaces, RemoteNWFilters, RemoteNodeDevices, RemoteSecrets } from './remote-host-objects.js';
import { RemoteObjectEvents } from './remote-object-events.js';
import { RemoteCheckpoints, RemoteSnapshots } from './remote-snapshots.js';
import { DOMAIN_CONTROL_PROBES } from './remote-domain-control.js';
import { RemoteQemuMonitor } from './remote-qemu-monitor.js';
import { RemoteDomainStreams } from './remote-domain-streams.js';
import { ClientStream } from './rpc-stream.js';
import { RemoteDomainGuest, RemoteDomainInfo, RemoteHostInfo } from './remote-host-info.js';

/** A domain no server has: the snapshot and checkpoint probes ask about it. */
const NO_DOMAIN = { name: '', uuid: '00000000-0000-0000-0000-000000000000', id: -1 };

/**
 * How this client learns whether the server has a role that
 * virConnectSupportsFeature cannot name (DriverRole's numbers are private
 * to virtkit and never go on the wire): one harmless read call of the
 * family, pipelined with the feature questions at open. The server has the
 * role unless it answers NO_SUPPORT, which is libvirtd's answer for a
 * driver without the call and what libvirt's client makes of an older
 * server's "unknown procedure"; a reply, or an error of the far driver
 * (a missing domain for the snapshot and checkpoint probes), means the
 * call reached a driver that has it. An error of the RPC layer itself (a
 * reply this client cannot decode) is no answer: the role is not declared.
 * Event roles are probed by registering a callback and removing it at once.
 */
/** An event probe's deregistration is not waited for: the answer was the registration's, and the open needs no second round trip. */
function dropProbe(p: Promise<unknown>): void {
  p.catch(() => undefined);
}

interface ServerRole {
  role: DriverRole;
  probe(rpc: RpcClient): Promise<unknown>;
  /** The role's methods as REMOTE calls; `events` is the connection's one RemoteObjectEvents. */
  impl(rpc: RpcClient, events: () => RemoteObjectEvents, logger: Logger): object;
}

/** A role probed here and forwarded by the connection itself (the domain-control roles, which share its event registrations). */
type ProbedRole = Pick<ServerRole, 'role' | 'probe'>;

const SERVER_ROLES: readonly ServerRole[] = [
  { role: DriverRole.SNAPSHOTS, probe: (rpc) => rpc.call('DOMAIN_LIST_ALL_SNAPSHOTS', { dom: NO_DOMAIN, need_results: 0, flags: 0 }), impl: (rpc) => new RemoteSnapshots(rpc) },
  { role: DriverRole.CHECKPOINTS, probe: (rpc) => rpc.call('DOMAIN_LIST_ALL_CHECKPOINTS', { dom: NO_DOMAIN, need_results: 0, flags: 0 }), impl: (rpc) => new RemoteCheckpoints(rpc) },
  { role: DriverRole.INTERFACES, probe: (rpc) => rpc.call('CONNECT_LIST_ALL_INTERFACES', { need_results: 0, flags: 0 }), impl: (rpc) => new RemoteInterfaces(rpc) },
  { role: DriverRole.NODE_DEVICES, probe: (rpc) => rpc.call('CONNECT_LIST_ALL_NODE_DEVICES', { need_results: 0, flags: 0 }), impl: (rpc) => new RemoteNodeDevices(rpc) },
  { role: DriverRole.SECRETS, probe: (rpc) => rpc.call('CONNECT_LIST_ALL_SECRETS', { need_results: 0, flags: 0 }), impl: (rpc) => new RemoteSecrets(rpc) },
  { role: DriverRole.NWFILTERS, probe: (rpc) => rpc.call('CONNECT_LIST_ALL_NWFILTERS', { need_results: 0, flags: 0 }), impl: (rpc) => new RemoteNWFilters(rpc) },
  { role: DriverRole.HOST_INFO, probe: (rpc) => rpc.call('NODE_GET_FREE_MEMORY', undefined), impl: (rpc) => new RemoteHostInfo(rpc) },
  { role: DriverRole.DOMAIN_INFO, probe: (rpc) => rpc.call('DOMAIN_GET_HOSTNAME', { dom: NO_DOMAIN, flags: 0 }), impl: (rpc) => new RemoteDomainInfo(rpc) },
  { role: DriverRole.DOMAIN_PINNING, probe: (rpc) => rpc.call('DOMAIN_PIN_EMULATOR', { dom: NO_DOMAIN, cpumap: new Uint8Array([1]), flags: 0 }), impl: (rpc) => new RemoteDomainInfo(rpc) },
  { role: DriverRole.DOMAIN_GUEST, probe: (rpc) => rpc.call('DOMAIN_INJECT_NMI', { dom: NO_DOMAIN, flags: 0 }), impl: (rpc) => new RemoteDomainGuest(rpc) },
  {
    role: DriverRole.QEMU_MONITOR,
    // A monitor command on a domain that cannot exist: NO_DOMAIN from a driver with a monitor (libvirtd's qemu driver), NO_SUPPORT without.
    probe: (rpc) => rpc.callQemu('DOMAIN_MONITOR_COMMAND', { dom: NO_DOMAIN, cmd: '{"execute":"query-status"}', flags: 0 }),
    impl: (rpc, _events, logger) => new RemoteQemuMonitor(rpc, logger),
  },
  {
    // A server with the role opens the stream for a domain that exists; this one does not, so the answer is NO_DOMAIN.
    role: DriverRole.CONSOLE,
    probe: (rpc) => rpc.callWithStream('DOMAIN_OPEN_CONSOLE', { dom: NO_DOMAIN, dev_name: undefined, flags: 0 }, new ClientStream(rpc)),
    impl: (rpc) => new RemoteDomainStreams(rpc),
  },
  {
    role: DriverRole.SCREENSHOT,
    probe: (rpc) => rpc.callWithStream('DOMAIN_SCREENSHOT', { dom: NO_DOMAIN, screen: 0, flags: 0 }, new ClientStream(rpc)),
    impl: (rpc) => new RemoteDomainStreams(rpc),
  },
  { role: DriverRole.SEND_KEY, probe: (rpc) => rpc.call('DOMAIN_SEND_KEY', { dom: NO_DOMAIN, codeset: 0, holdtime: 0, keycodes: [0], flags: 0 }), impl: (rpc) => new RemoteDomainStreams(rpc) },
  {
    role: DriverRole.NETWORK_EVENTS,
    async probe(rpc) {
      const { callbackID } = await rpc.call('CONNECT_NETWORK_EVENT_REGISTER_ANY', { eventID: 0, net: undefined });
      dropProbe(rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID }));
    },
    impl: (_rpc, events) => events(),
  },
  {
    role: DriverRole.STORAGE_POOL_EVENTS,
    async probe(rpc) {
      const { callbackID } = await rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', { eventID: 0, pool: undefined });
      dropProbe(rpc.call('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', { callbackID }));
    },
    impl: (_rpc, events) => events(),
  },
];

/** The probed roles the server has; a connection lost meanwhile fails the open. */
export async function serverRoles(rpc: RpcClient): Promise<DriverRole[]> {
  const probed: readonly ProbedRole[] = [...SERVER_ROLES, ...DOMAIN_CONTROL_PROBES];
  const answers = await Promise.allSettled(probed.map((r) => r.probe(rpc)));
  return probed.flatMap(({ role }, i) => {
    const a = answers[i];
    if (a.status === 'fulfilled') return [role];
    if (rpc.isClosed) throw a.reason;
    const e = a.reason;
    return isVirtError(e) && e.code !== ErrorCode.NO_SUPPORT && e.domain !== ErrorDomain.RPC ? [role] : [];
  });
}

/** Makes a remote connection answer the probed roles it declares (`features`), each as REMOTE calls. */
export function forwardServerRoles(target: object, rpc: RpcClient, logger: Logger, features: ReadonlySet<number>): void {
  let events: RemoteObjectEvents | undefined;
  const shared = () => (events ??= new RemoteObjectEvents(rpc, logger));
  for (const r of SERVER_ROLES) if (features.has(r.role)) forwardRole(target, r.impl(rpc, shared, logger), r.role);
}
