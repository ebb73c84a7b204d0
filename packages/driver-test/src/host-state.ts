import fs from 'node:fs';
import path from 'node:path';
import {
  DomainState, MigrateFlags, PausedReason, RunningReason, ShutoffReason, formatDomainXml, parseDomainXml, type Clock,
} from '@virtkit/core';
import { TestDomain, type TestHost } from './host.js';

/**
 * A test host's domains in a state file, so a host outlives the process
 * that holds it (virtkitd's test_state_dir): the guests of a test host
 * then behave like QEMU processes, which outlive a killed daemon. Only
 * domains are kept (definitions, state, autostart and the migration phase
 * each is in); networks, pools, snapshots and the rest stay in memory.
 */

interface DomainRecord {
  xml: string;
  liveXml?: string;
  persistent: boolean;
  state: DomainState;
  reason: number;
  autostart: boolean;
  incoming?: { version: 'v1' | 'v2' | 'v3'; complete: boolean; flags: number };
  outgoing?: { wasPaused: boolean; flags: number; confirming: boolean };
}

/** Writes every domain of `host` to `file` (a new file renamed over the old, so a killed process leaves one or the other whole). */
export function saveHostState(host: TestHost, file: string): void {
  const domains: DomainRecord[] = [...host.domains.values()].map((d) => ({
    xml: formatDomainXml(d.def, { inactive: true }),
    liveXml: d.liveDef ? formatDomainXml(d.liveDef) : undefined,
    persistent: d.persistent,
    state: d.state,
    reason: d.reason,
    autostart: d.autostart,
    incoming: d.incoming ? { version: d.incoming.version, complete: d.incoming.complete, flags: d.incoming.flags } : undefined,
    outgoing: d.outgoing ? { wasPaused: d.outgoing.wasPaused, flags: d.outgoing.flags, confirming: !!d.outgoing.confirming } : undefined,
  }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.new`;
  fs.writeFileSync(tmp, JSON.stringify({ domains }));
  fs.renameSync(tmp, file);
}

/**
 * Loads the domains of `file` into a new `host` and finishes or rolls back
 * the migration phase each was in when the process that held it died, as
 * libvirt's daemon does for its QEMU guests at restart; the incoming
 * listeners and outgoing streams died with that process:
 * - an incoming guest is ended (its stream is gone), except a v2 one that
 *   had arrived whole: v2's source ended its copy when the stream was
 *   acknowledged, so this is the only one and it runs;
 * - a source in Confirm3 ends its guest (the destination runs it);
 * - a source after Perform3, before Confirm3, keeps its guest paused for the
 *   user, as libvirt's recovery of PERFORM3_DONE: only the client knew the
 *   outcome. domjobabort resumes it, destroy ends it;
 * - a guest paused by a transfer that had not completed runs again.
 * Returns false when there is no state file.
 */
export function loadHostState(host: TestHost, file: string, clock: Clock): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  const { domains } = JSON.parse(text) as { domains: DomainRecord[] };
  for (const r of domains) {
    const d = new TestDomain(parseDomainXml(r.xml), r.persistent, r.state, r.reason);
    d.autostart = r.autostart;
    let active = r.state !== DomainState.SHUTOFF && r.liveXml !== undefined;
    if (r.incoming) {
      if (r.incoming.version === 'v2' && r.incoming.complete) {
        d.state = DomainState.RUNNING;
        d.reason = RunningReason.MIGRATED;
        if (r.incoming.flags & MigrateFlags.PERSIST_DEST) d.persistent = true;
        host.logger.info(`test host ${host.path}: incoming v2 migration of '${d.name}' had arrived whole: the guest runs`);
      } else {
        active = false;
        host.logger.info(`test host ${host.path}: incoming migration of '${d.name}' was cut off: the incoming guest is ended`);
      }
    } else if (r.outgoing?.confirming) {
      active = false;
      if (r.outgoing.flags & MigrateFlags.UNDEFINE_SOURCE) d.persistent = false;
      host.logger.info(`test host ${host.path}: migration of '${d.name}' was confirmed: the guest here is ended`);
    } else if (r.outgoing) {
      d.outgoing = { wasPaused: r.outgoing.wasPaused, flags: r.outgoing.flags };
      host.logger.warn(`test host ${host.path}: migration of '${d.name}' was performed, its outcome is unknown: the guest stays paused (domjobabort resumes it, destroy ends it)`);
    } else if (r.state === DomainState.PAUSED && r.reason === PausedReason.MIGRATION) {
      d.state = DomainState.RUNNING;
      d.reason = RunningReason.MIGRATION_CANCELED;
    }
    if (!active) {
      if (!d.persistent) continue;
      if (d.state !== DomainState.SHUTOFF) {
        d.state = DomainState.SHUTOFF;
        d.reason = r.outgoing ? ShutoffReason.MIGRATED : ShutoffReason.FAILED;
      }
    } else {
      d.id = host.domains.allocateId();
      d.liveDef = { ...parseDomainXml(r.liveXml!), id: d.id };
      d.runningSince = clock.monotonic();
    }
    host.domains.add(d);
  }
  saveHostState(host, file);
  return true;
}
