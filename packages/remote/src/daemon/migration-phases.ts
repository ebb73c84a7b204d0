import { MigrateFlags, hasJobRole, hasMigrationStranded, parseDomainXml, parseUntrustedDomainXml, toVirtError, type Connection, type DomainRef, type Logger } from '@virtkit/core';
import type { TypedParam } from '../protocol/types.js';
import { typedParamValue } from '../protocol/types.js';

/**
 * Where a migration phase this client started left a domain, until the
 * next phase ends it:
 * - `incoming`: the destination prepared a guest (Prepare2/Prepare3) that awaits Finish;
 * - `begun`: the source ran Begin3; Perform has not completed;
 * - `performing`: the source's Perform is running;
 * - `performed`: the source's Perform3 succeeded; Confirm3 has not come.
 */
type PhaseState = 'incoming' | 'begun' | 'performing' | 'performed';

interface OwnedPhase {
  state: PhaseState;
  /** The source's domain; the destination's guest is found by name. */
  dom?: DomainRef;
  name: string;
}

type Args = Record<string, unknown>;

function paramOf(args: Args, field: string): string | undefined {
  const p = (args.params as TypedParam[] | undefined)?.find((x) => x.field === field);
  return p ? String(typedParamValue(p)) : undefined;
}

/** The destination name a Prepare or Finish addresses (dname, else the XML's name). */
async function destinationName(args: Args): Promise<string | undefined> {
  const dname = (args.dname as string | undefined) ?? paramOf(args, 'destination_name');
  if (dname !== undefined) return dname;
  const xml = (args.dom_xml as string | undefined) ?? paramOf(args, 'destination_xml');
  return xml !== undefined ? (await parseUntrustedDomainXml(xml)).name : undefined;
}

/** A Prepare's destination name (dname, else the name in its XML, which the call screened before it succeeded). */
function preparedName(args: Args): string | undefined {
  const dname = (args.dname as string | undefined) ?? paramOf(args, 'destination_name');
  if (dname !== undefined) return dname;
  const xml = (args.dom_xml as string | undefined) ?? paramOf(args, 'destination_xml');
  try {
    return xml !== undefined ? parseDomainXml(xml).name : undefined;
  } catch {
    return undefined;
  }
}

// flags is an unsigned hyper (bigint) in the v3 phases and an unsigned int in their _PARAMS variants.
const isP2P = (args: Args) => (Number(args.flags) & MigrateFlags.PEER2PEER) !== 0;

/**
 * The migration phases one client connection owns, as libvirt ties them to
 * the connection that started them. When the connection closes before the
 * next phase arrives, `release` cleans up as libvirt's close callbacks do,
 * with the driver's escape hatch for a stranded phase (abortJob):
 * - a destination's prepared guest is ended and the prepared migration
 *   forgotten, unless it arrived whole under v2 (whose source ended its
 *   copy then): that one runs, the only copy left;
 * - a source whose Perform had not completed (Begin3 only, or Perform
 *   running) cancels the job and the guest runs on;
 * - a source after Perform3 succeeded keeps the guest paused only until it
 *   learns the outcome: the driver waits up to the grace
 *   (migration_confirm_grace) for the destination's word, then ends its
 *   copy if the destination runs the guest, or resumes it if not; without
 *   an answer (or without the driver's MigrationStrandedRole) it stays
 *   paused for the operator (domjobabort resumes it, destroy ends it), as
 *   libvirt's "we don't know if the domain was successfully started on
 *   destination". Peer-to-peer migrations are not tracked: the daemon runs
 *   them whole and knows the outcome itself.
 * A call that is still running when the connection closes ends first (as a
 * libvirt API call holds its connection): a Perform in flight is cancelled
 * at once, the other phases are waited for, and what they leave is cleaned
 * up as above.
 */
export class MigrationPhases {
  private readonly phases = new Map<string, OwnedPhase>();
  /** Migration calls of this client still running. */
  private readonly inflight = new Set<Promise<unknown>>();
  /** Default migration_confirm_grace, in seconds. */
  static readonly DEFAULT_CONFIRM_GRACE = 30;

  /** Whether calls of `proc` may start or end a phase: before() and after() do nothing for the others. */
  static tracks(proc: string): boolean {
    return proc.startsWith('DOMAIN_MIGRATE_');
  }

  constructor(private readonly logger: Logger, private readonly confirmGraceMs = MigrationPhases.DEFAULT_CONFIRM_GRACE * 1000) {}

  /** Runs a migration call between before() and after(), counted as in flight until both are done. */
  async run<T>(proc: string, args: Args, call: () => Promise<T>): Promise<T> {
    const p = (async () => {
      await this.before(proc, args);
      let ret: T;
      try {
        ret = await call();
      } catch (e) {
        await this.after(proc, args, false);
        throw e;
      }
      await this.after(proc, args, true);
      return ret;
    })();
    this.inflight.add(p);
    try {
      return await p;
    } finally {
      this.inflight.delete(p);
    }
  }

  /** Before a call runs: a Perform starts. */
  async before(proc: string, args: Args): Promise<void> {
    if (!MigrationPhases.tracks(proc)) return;
    if (/^DOMAIN_MIGRATE_PERFORM(3|3_PARAMS)?$/.test(proc) && !isP2P(args)) {
      const dom = args.dom as DomainRef;
      this.phases.set(`src:${dom.uuid}`, { state: 'performing', dom, name: dom.name });
    }
  }

  /** After a call ended (`ok` false: it failed): which phase the client now owns. */
  async after(proc: string, args: Args, ok: boolean): Promise<void> {
    if (!MigrationPhases.tracks(proc)) return;
    const dom = args.dom as DomainRef | undefined;
    switch (proc) {
      case 'DOMAIN_MIGRATE_PREPARE2':
      case 'DOMAIN_MIGRATE_PREPARE3':
      case 'DOMAIN_MIGRATE_PREPARE3_PARAMS': {
        // The call screened its XML (dispatch's screened()): its name is read on this thread, without another worker's round trip before the reply.
        const name = ok ? preparedName(args) : undefined;
        if (name !== undefined) this.phases.set(`dst:${name}`, { state: 'incoming', name });
        break;
      }
      case 'DOMAIN_MIGRATE_FINISH2':
      case 'DOMAIN_MIGRATE_FINISH3':
      case 'DOMAIN_MIGRATE_FINISH3_PARAMS': {
        const name = await destinationName(args).catch(() => undefined);
        if (name !== undefined) this.phases.delete(`dst:${name}`);
        break;
      }
      case 'DOMAIN_MIGRATE_BEGIN3':
      case 'DOMAIN_MIGRATE_BEGIN3_PARAMS':
        if (ok && dom) this.phases.set(`src:${dom.uuid}`, { state: 'begun', dom, name: dom.name });
        break;
      case 'DOMAIN_MIGRATE_PERFORM':
        if (dom) this.phases.delete(`src:${dom.uuid}`);
        break;
      case 'DOMAIN_MIGRATE_PERFORM3':
      case 'DOMAIN_MIGRATE_PERFORM3_PARAMS':
        if (!dom || isP2P(args)) break;
        // A failed Perform3 resumed the source itself.
        if (ok) this.phases.set(`src:${dom.uuid}`, { state: 'performed', dom, name: dom.name });
        else this.phases.delete(`src:${dom.uuid}`);
        break;
      case 'DOMAIN_MIGRATE_CONFIRM3':
      case 'DOMAIN_MIGRATE_CONFIRM3_PARAMS':
        if (dom) this.phases.delete(`src:${dom.uuid}`);
        break;
    }
  }

  /** The client's connection is closing: clean up every phase it left (before `conn` closes). */
  async release(conn: Connection): Promise<void> {
    while (this.inflight.size > 0) {
      // A Perform that is still sending is cancelled; its call then fails and ends its phase.
      for (const p of this.phases.values()) if (p.state === 'performing') await this.cleanup(conn, p);
      await Promise.allSettled([...this.inflight]);
    }
    const left = [...this.phases.values()];
    this.phases.clear();
    await Promise.all(left.map((p) => this.cleanup(conn, p)));
  }

  private async cleanup(conn: Connection, p: OwnedPhase): Promise<void> {
    try {
      const c = conn.live();
      if ((p.state === 'performed' || p.state === 'incoming') && hasMigrationStranded(c)) {
        const ref = p.dom ?? (await c.lookupByName(p.name));
        const done = await c.migrateSettleStranded(ref, this.confirmGraceMs);
        this.logger.info(`migration of '${p.name}' left by its client (${p.state}): ${SETTLED[done]}`);
        return;
      }
      if (p.state === 'performed') {
        this.logger.warn(`migration of '${p.name}' was performed but its client is gone before Confirm: the guest stays paused on the source (domjobabort resumes it)`);
        return;
      }
      if (!hasJobRole(c)) return;
      const ref = p.dom ?? (await c.lookupByName(p.name));
      await c.abortJob(ref);
      this.logger.info(`migration of '${p.name}' left by its client (${p.state}): ${p.state === 'incoming' ? 'the incoming guest is ended' : 'the job is cancelled and the guest runs on'}`);
    } catch (e) {
      // Nothing stranded after all (the phase ended with the connection, or no job held the domain).
      this.logger.debug(`migration cleanup of '${p.name}' (${p.state}): ${toVirtError(e).message}`);
    }
  }
}

const SETTLED: Record<'migrated' | 'resumed' | 'paused' | 'discarded', string> = {
  migrated: 'the guest runs on the destination (a source ended its copy)',
  resumed: 'the destination does not run the guest: the source resumed it',
  paused: 'no word from the destination in time: the guest stays paused on the source (domjobabort resumes it)',
  discarded: 'the incoming guest is ended',
};
