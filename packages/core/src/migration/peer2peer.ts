import { ErrorCode, ErrorDomain, errorReporter, toVirtError } from '../errors.js';
import { DrvFeature } from '../features.js';
import { MigrateFlags, allFlags, checkFlags } from '../flags.js';
import type { Connection } from '../connection.js';
import type { Domain } from '../domain.js';
import { checkBandwidth, checkDisksPort, checkParallelConnections, hasMigrationP2P, hasMigrationV2, hasMigrationV3, type MigrateParams } from '../driver/migration.js';
import { runMigration, type MigrateResult } from './orchestrate.js';

const fail = errorReporter(ErrorDomain.DOMAIN);

export interface MigrateToUriOptions {
  /** MigrateFlags; VIR_MIGRATE_PEER2PEER is required. */
  flags?: number;
  /** libvirt's typed parameters; unknown names are refused. */
  params?: MigrateParams;
}

/** The parameter names virDomainMigrateToURI3 accepts here, with their types. */
const PARAM_TYPES: Record<keyof MigrateParams, 'string' | 'number'> = {
  destination_name: 'string',
  destination_xml: 'string',
  migrate_uri: 'string',
  bandwidth: 'number',
  persistent_xml: 'string',
  'parallel.connections': 'number',
  disks_port: 'number',
};

/** Checks typed parameters as libvirt's virTypedParamsValidate: known names, right types; returns a copy. */
export function checkMigrateParams(params: unknown): MigrateParams {
  if (params === undefined) return {};
  if (params === null || typeof params !== 'object') throw fail(ErrorCode.INVALID_ARG, 'migration parameters must be an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const type = PARAM_TYPES[k as keyof MigrateParams];
    if (type === undefined) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `migration parameter '${k}' is not supported`);
    if (typeof v !== type) throw fail(ErrorCode.INVALID_ARG, `migration parameter '${k}' must be a ${type}`);
    out[k] = v;
  }
  const p = out as MigrateParams;
  if (p.bandwidth !== undefined) checkBandwidth(p.bandwidth, fail);
  // The phases persist the definition that migrated; a different persistent one is not carried to the destination.
  if (p.persistent_xml !== undefined && p.persistent_xml !== p.destination_xml) {
    throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, "migration parameter 'persistent_xml' other than 'destination_xml' is not supported");
  }
  return p;
}

/** Whether core can run peer-to-peer migration from this (local) connection: a managed protocol and a way to open the peer. */
export function canRunPeer2Peer(conn: Connection): boolean {
  const c = conn.live();
  return conn.services.connect !== undefined && (hasMigrationV3(c) || hasMigrationV2(c));
}

/**
 * virDomainMigrateToURI3 with VIR_MIGRATE_PEER2PEER. A connection that
 * forwards peer-to-peer migration (the remote driver) hands it to its host;
 * otherwise this process is the source host: it opens `dconnuri` with its
 * own Virt (the remote driver, whose keepalive ends the peer connection
 * when the destination stops answering), and runs the same phases as a
 * managed migration (v3 where both ends have it), rolling back per phase.
 */
export async function migrateToUri(dom: Domain, dconnuri: string, options: MigrateToUriOptions = {}): Promise<MigrateResult | undefined> {
  for (const k of Object.keys(options)) if (k !== 'flags' && k !== 'params') throw fail(ErrorCode.INVALID_ARG, `unknown migration option '${k}'`);
  const flags = options.flags ?? 0;
  checkFlags(flags, allFlags(MigrateFlags), 'virDomainMigrateToURI3');
  const params = checkMigrateParams(options.params);
  checkParallelConnections(params['parallel.connections'], flags, fail);
  checkDisksPort(params.disks_port, flags, fail);
  if (typeof dconnuri !== 'string' || dconnuri === '') throw fail(ErrorCode.INVALID_ARG, 'dconnuri in virDomainMigrateToURI3 must not be empty');
  if (!(flags & MigrateFlags.PEER2PEER)) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'direct migration is not supported; use VIR_MIGRATE_PEER2PEER');
  if (flags & MigrateFlags.TUNNELLED) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'tunnelled migration is not supported');
  const src = dom.connection;
  const c = src.writable();
  if (hasMigrationP2P(c)) {
    await c.migrateToUri(dom.driverRef, dconnuri, { flags, params });
    return undefined;
  }
  if (!canRunPeer2Peer(src)) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `peer-to-peer migration is not supported by '${src.uri}'`);
  let dest: Connection;
  try {
    dest = await src.services.connect!(dconnuri);
  } catch (e) {
    throw fail(ErrorCode.OPERATION_FAILED, `Failed to connect to remote libvirt URI ${dconnuri}: ${toVirtError(e).message}`, e);
  }
  // libvirt's peer-to-peer speaks v3 or v2 to the peer, never v1 (qemuMigrationSrcPerformPeer2Peer).
  if (!(await dest.supportsFeature(DrvFeature.MIGRATION_V3)) && !(await dest.supportsFeature(DrvFeature.MIGRATION_V2))) {
    await dest.close().catch(() => {});
    throw fail(ErrorCode.OPERATION_FAILED, 'Destination libvirt does not support peer-to-peer migration protocol');
  }
  // A destination that stops answering (keepalive) or goes away cancels the source's job: the guest runs on at the source.
  const lost = new AbortController();
  let unsubscribe = () => {};
  try {
    unsubscribe = dest.registerCloseCallback(() => lost.abort());
  } catch {
    // A peer without close events: its calls fail when it goes away.
  }
  try {
    return await runMigration(dom, dest, { flags, dname: params.destination_name, uri: params.migrate_uri, dxml: params.destination_xml, bandwidth: params.bandwidth, parallelConnections: params['parallel.connections'], disksPort: params.disks_port, signal: lost.signal }, 'peer2peer');
  } catch (e) {
    if (lost.signal.aborted) throw fail(ErrorCode.OPERATION_FAILED, `Lost connection to destination host: ${toVirtError(e).message}`, e);
    throw e;
  } finally {
    unsubscribe();
    await dest.close().catch(() => {});
  }
}
