import { MigrateFlags, hasJobRole, parseDomainXml, parseUntrustedDomainXml, toVirtError, type Connection, type DomainRef, type Logger } from '@virtkit/core';
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
 * - a destination's prepared guest is ended and the prepared migration forgotten;
 * - a source whose Perform had not completed (Begin3 only, or Perform
 *   running) cancels the job and the guest runs on;
 * - a source after Perform3 succeeded stays paused: only the client knew
 *   whether the destination started the guest (libvirt's "we don't know if
 *   the domain was successfully started on destination"); the operator
 *   resumes it with domjobabort or destroys it. Peer-to-peer migrations are
 *   not tracked: the daemon runs them whole and knows the outcome itself.
 */
export class MigrationPhases {
  private readonly phases = new Map<string, OwnedPhase>();

  /** Whether calls of `proc` may start or end a phase: before() and after() do nothing for the others. */
  static tracks(proc: string): boolean {
    return proc.startsWith('DOMAIN_MIGRATE_');
  }

  constructor(private readonly logger: Logger) {}

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
    const left = [...this.phases.values()];
    this.phases.clear();
    for (const p of left) {
      if (p.state === 'performed') {
        this.logger.warn(`migration of '${p.name}' was performed but its client is gone before Confirm: the guest stays paused on the source (domjobabort resumes it)`);
        continue;
      }
      try {
        const c = conn.live();
        if (!hasJobRole(c)) continue;
        const ref = p.dom ?? (await c.lookupByName(p.name));
        await c.abortJob(ref);
        this.logger.info(`migration of '${p.name}' left by its client (${p.state}): ${p.state === 'incoming' ? 'the incoming guest is ended' : 'the job is cancelled and the guest runs on'}`);
      } catch (e) {
        // Nothing stranded after all (the phase ended with the connection, or no job held the domain).
        this.logger.debug(`migration cleanup of '${p.name}' (${p.state}): ${toVirtError(e).message}`);
      }
    }
  }
}
