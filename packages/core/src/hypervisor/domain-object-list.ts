import { ErrorCode, type ErrorReporter } from '../errors.js';
import type { DomainRef } from '../driver/types.js';
import { KeyedMutex } from './keyed-mutex.js';

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
 * A host's domains, as libvirt's virDomainObjList: lookup by UUID, name and
 * id with libvirt's NO_DOMAIN messages, the name/UUID conflict check of
 * virDomainObjListAdd, id allocation, and a lock per name and UUID so that
 * concurrent defines and creates of one identity run one after the other.
 * Each driver keeps one per host and stores its own object type in it.
 */
export class DomainObjectList<T extends DomainObject> {
  private readonly byUuid = new Map<string, T>();
  private readonly locks = new KeyedMutex();
  private nextId = 1;

  /** fail: the driver's error reporter (its error domain). */
  constructor(private readonly fail: ErrorReporter) {}

  get size(): number {
    return this.byUuid.size;
  }

  values(): IterableIterator<T> {
    return this.byUuid.values();
  }

  findByUuid(uuid: string): T | undefined {
    return this.byUuid.get(uuid.toLowerCase());
  }

  findByName(name: string): T | undefined {
    for (const o of this.byUuid.values()) if (o.name === name) return o;
    return undefined;
  }

  findById(id: number): T | undefined {
    if (id < 0) return undefined;
    for (const o of this.byUuid.values()) if (o.id === id) return o;
    return undefined;
  }

  /** NO_DOMAIN unless a domain has this name. */
  getByName(name: string): T {
    const o = this.findByName(name);
    if (!o) throw this.fail(ErrorCode.NO_DOMAIN, `no domain with matching name '${name}'`);
    return o;
  }

  getByUuid(uuid: string): T {
    const o = this.findByUuid(uuid);
    if (!o) throw this.fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${uuid}'`);
    return o;
  }

  getById(id: number): T {
    const o = this.findById(id);
    if (!o) throw this.fail(ErrorCode.NO_DOMAIN, `no domain with matching id ${id}`);
    return o;
  }

  /** Resolves a handle by UUID; a handle without one by name (virDomainObjListFindByUUID). */
  get(ref: Pick<DomainRef, 'uuid' | 'name'>): T {
    const o = ref.uuid ? this.findByUuid(ref.uuid) : this.findByName(ref.name);
    if (!o) throw this.fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${ref.uuid}' (${ref.name})`);
    return o;
  }

  /**
   * virDomainObjListAdd's check: returns the domain with this UUID (to be
   * redefined), undefined for a new one, and refuses a name held by another
   * UUID or a UUID known under another name.
   */
  checkConflicts(def: DomainIdentity): T | undefined {
    const same = this.findByUuid(def.uuid);
    if (same) {
      if (same.name !== def.name) throw this.fail(ErrorCode.OPERATION_FAILED, `domain '${same.name}' is already defined with uuid ${def.uuid}`);
      return same;
    }
    const named = this.findByName(def.name);
    if (named) throw this.fail(ErrorCode.OPERATION_FAILED, `domain '${def.name}' already exists with uuid ${named.uuid}`);
    return undefined;
  }

  /** Adds a new object; its identity must have passed checkConflicts. */
  add(obj: T): T {
    const key = obj.uuid.toLowerCase();
    const present = this.byUuid.get(key);
    if (present && present !== obj) throw this.fail(ErrorCode.INTERNAL_ERROR, `domain ${obj.uuid} is already in the list`);
    this.byUuid.set(key, obj);
    return obj;
  }

  remove(obj: DomainIdentity): void {
    const key = obj.uuid.toLowerCase();
    if (this.byUuid.get(key) === obj) this.byUuid.delete(key);
  }

  has(obj: T): boolean {
    return this.byUuid.get(obj.uuid.toLowerCase()) === obj;
  }

  /** The next domain id (ids are never reused while the host lives). */
  allocateId(): number {
    return this.nextId++;
  }

  /** Makes sure later ids are above `id` (a reattached guest keeps its id). */
  reserveId(id: number): void {
    if (id >= this.nextId) this.nextId = id + 1;
  }

  /**
   * Runs `op` while no other operation on the same name or UUID runs: every
   * define, create and incoming migration of an identity goes through here,
   * so the conflict check and the add are one step even when `op` awaits.
   */
  withIdentity<R>(def: DomainIdentity, op: () => Promise<R>): Promise<R> {
    return this.locks.run([`uuid:${def.uuid.toLowerCase()}`, `name:${def.name}`], op);
  }
}
