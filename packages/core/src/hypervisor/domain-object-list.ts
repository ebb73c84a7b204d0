import { ErrorCode, type ErrorReporter } from '../errors.js';
import { ObjectList } from './object-list.js';

/** What the list needs to know of a driver's domain object. */
export interface DomainObject {
  readonly uuid: string;
  /** The current name (the live one while active). */
  readonly name: string;
  /** -1 while inactive. */
  readonly id: number;
}

/** What a new definition claims: the identity the conflict check compares. */
export interface DomainIdentity {
  readonly uuid: string;
  readonly name: string;
}

/**
 * A host's domains, as libvirt's virDomainObjList: the ObjectList of every
 * host object (lookup by UUID and name with libvirt's NO_DOMAIN messages,
 * the name/UUID conflict check of virDomainObjListAdd, a lock per name and
 * UUID so that concurrent defines and creates of one identity run one after
 * the other) plus lookup by id and id allocation. Each driver keeps one per
 * host and stores its own object type in it.
 */
export class DomainObjectList<T extends DomainObject> extends ObjectList<T> {
  private nextId = 1;

  /** fail: the driver's error reporter (its error domain). */
  constructor(fail: ErrorReporter) {
    super(fail, { noObject: ErrorCode.NO_DOMAIN, what: 'domain' });
  }

  findById(id: number): T | undefined {
    if (id < 0) return undefined;
    for (const o of this.values()) if (o.id === id) return o;
    return undefined;
  }

  getById(id: number): T {
    const o = this.findById(id);
    if (!o) throw this.fail(ErrorCode.NO_DOMAIN, `no domain with matching id ${id}`);
    return o;
  }

  /** The next domain id (ids are never reused while the host lives). */
  allocateId(): number {
    return this.nextId++;
  }

  /** Makes sure later ids are above `id` (a reattached guest keeps its id). */
  reserveId(id: number): void {
    if (id >= this.nextId) this.nextId = id + 1;
  }
}
