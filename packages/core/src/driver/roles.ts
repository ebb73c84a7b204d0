import { DriverRole, DrvFeature } from '../features.js';
import type { DriverConnection } from './contract.js';
import { STORAGE_ROLE_METHODS } from './storage.js';
import { SNAPSHOT_ROLE_METHODS } from './snapshot.js';
import { INTERFACE_ROLE_METHODS } from './interface.js';
import { NODE_DEVICE_ROLE_METHODS } from './node-device.js';
import { SECRET_ROLE_METHODS } from './secret.js';
import { NWFILTER_ROLE_METHODS } from './nwfilter.js';
import { CHECKPOINT_ROLE_METHODS } from './checkpoint.js';
import { DOMAIN_CONTROL_ROLE_METHODS } from './domain-control.js';
import { QEMU_MONITOR_ROLE_METHODS } from './qemu-monitor.js';
import { DOMAIN_STREAM_ROLE_METHODS } from './domain-streams.js';
import { HOST_INFO_ROLE_METHODS } from './host-info.js';
import { DOMAIN_INFO_ROLE_METHODS } from './domain-info.js';
import { DOMAIN_GUEST_ROLE_METHODS } from './domain-guest.js';

/**
 * The methods of each optional role, by the feature number that declares
 * it. Only the conformance suite looks at methods; everything else trusts
 * the declaration.
 */
export const ROLE_METHODS: ReadonlyMap<number, readonly string[]> = new Map<number, readonly string[]>([
  [DriverRole.JOBS, ['getJobInfo', 'getJobStats', 'abortJob']],
  [DriverRole.EVENTS, ['onLifecycle']],
  [DriverRole.SAVE, ['save', 'restore']],
  [DriverRole.CLOSE_EVENTS, ['onConnectionClose']],
  [DriverRole.MIGRATION_TUNING, ['migrateSetMaxDowntime', 'migrateGetMaxDowntime', 'migrateSetMaxSpeed', 'migrateGetMaxSpeed']],
  [DriverRole.MIGRATION_POSTCOPY, ['migrateStartPostCopy']],
  [DrvFeature.MIGRATION_V1, ['migratePrepare', 'migratePerform', 'migrateFinish']],
  [DrvFeature.MIGRATION_V2, ['migratePrepare2', 'migratePerform', 'migrateFinish2']],
  [DrvFeature.MIGRATION_V3, ['migrateBegin3', 'migratePrepare3', 'migratePerform3', 'migrateFinish3', 'migrateConfirm3']],
  [DriverRole.NETWORKS, [
    'listNetworks', 'networkLookupByName', 'networkLookupByUuid', 'networkDefineXml', 'networkCreateXml', 'networkUndefine', 'networkCreate',
    'networkDestroy', 'networkGetXmlDesc', 'networkGetAutostart', 'networkSetAutostart', 'networkIsActive', 'networkIsPersistent',
    'networkGetBridgeName', 'networkUpdate', 'networkGetDhcpLeases', 'domainInterfaceAddresses',
  ]],
  [DriverRole.STORAGE, STORAGE_ROLE_METHODS],
  [DriverRole.NETWORK_EVENTS, ['onNetworkLifecycle']],
  [DriverRole.STORAGE_POOL_EVENTS, ['onStoragePoolLifecycle', 'onStoragePoolRefresh']],
  [DrvFeature.MIGRATION_P2P, ['migrateToUri']],
  [DriverRole.SNAPSHOTS, SNAPSHOT_ROLE_METHODS],
  [DriverRole.INTERFACES, INTERFACE_ROLE_METHODS],
  [DriverRole.NODE_DEVICES, NODE_DEVICE_ROLE_METHODS],
  [DriverRole.SECRETS, SECRET_ROLE_METHODS],
  [DriverRole.NWFILTERS, NWFILTER_ROLE_METHODS],
  [DriverRole.CHECKPOINTS, CHECKPOINT_ROLE_METHODS],
  [DriverRole.QEMU_MONITOR, QEMU_MONITOR_ROLE_METHODS],
  ...DOMAIN_CONTROL_ROLE_METHODS,
  ...DOMAIN_STREAM_ROLE_METHODS,
  ...HOST_INFO_ROLE_METHODS,
  ...DOMAIN_INFO_ROLE_METHODS,
  ...DOMAIN_GUEST_ROLE_METHODS,
]);

export function roleName(feature: number): string {
  return DriverRole[feature] ?? DrvFeature[feature] ?? String(feature);
}

/**
 * Where a connection's declaration and its implementation disagree: a
 * declared role with a method missing, or a role implemented in full but
 * not declared. Empty when they agree.
 */
export function roleDeclarationProblems(conn: DriverConnection): string[] {
  const problems: string[] = [];
  const has = (m: string) => typeof (conn as unknown as Record<string, unknown>)[m] === 'function';
  for (const [feature, methods] of ROLE_METHODS) {
    const missing = methods.filter((m) => !has(m));
    if (conn.features.has(feature) && missing.length > 0) problems.push(`declares ${roleName(feature)} but lacks ${missing.join(', ')}`);
    if (!conn.features.has(feature) && missing.length === 0) problems.push(`implements ${roleName(feature)} (${methods.join(', ')}) without declaring it`);
  }
  return problems;
}

/**
 * Makes `target` answer the methods of one role (ROLE_METHODS) by calling
 * `impl`'s: for a connection that keeps a role in a class of its own. The
 * connection declares the role on its interface
 * (`export interface KvmConnection extends NetworkRole {}`) so the types
 * see the methods, and in its feature set so core routes calls to them.
 */
export function forwardRole(target: object, impl: object, feature: number): void {
  const methods = ROLE_METHODS.get(feature);
  if (!methods) throw new TypeError(`no role has the feature number ${feature}`);
  const from = impl as Record<string, (...args: unknown[]) => unknown>;
  for (const m of methods) {
    if (typeof from[m] !== 'function') throw new TypeError(`${roleName(feature)}: ${m} is missing`);
    Object.defineProperty(target, m, { value: (...args: unknown[]) => from[m](...args), writable: false, enumerable: false, configurable: true });
  }
}
