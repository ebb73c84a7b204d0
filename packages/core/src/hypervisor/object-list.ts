import { ErrorCode, type ErrorReporter } from '../errors.js';
import { KeyedMutex } from './keyed-mutex.js';

/** What the list needs to know of a driver's object (a network, a storage pool). */
export interface NamedObject {
  readonly uuid: string;
  readonly name: string;
}

export interface ObjectListOptions {
  /** The code of a failed lookup: NO_NETWORK, NO_STORAGE_POOL, … */
  noObject: ErrorCode;
  /** What the objects are called in messages: 'network', 'storage pool'. */
  what: string;
}

/**
 * A host's objects of one family that have a name and a UUID (networks,
 * storage pools), as libvirt's virNetworkObjList / virStoragePoolObjList:
 * lookups with libvirt's messages, the name/UUID conflict check of a
 * define, and a lock per name and UUID so that concurrent defines of one
 * identity run one after the other. Domains have DomainObjectList (ids).
 */
export class ObjectList<T extends NamedObject> {
  private readonly byUuid = new Map<string, T>();
  private readonly locks = new KeyedMutex();

  constructor(private readonly fail: ErrorReporter, private readonly options: ObjectListOptions) {}

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

  getByName(name: string): T {
    const o = this.findByName(name);
    if (!o) throw this.fail(this.options.noObject, `no ${this.options.what} with matching name '${name}'`);
    return o;
  }

  getByUuid(uuid: string): T {
    const o = this.findByUuid(uuid);
    if (!o) throw this.fail(this.options.noObject, `no ${this.options.what} with matching uuid '${uuid}'`);
    return o;
  }

  /** Resolves a handle by UUID, by name when it has none. */
  get(ref: NamedObject): T {
    const o = ref.uuid ? this.findByUuid(ref.uuid) : this.findByName(ref.name);
    if (!o) throw this.fail(this.options.noObject, `no ${this.options.what} with matching uuid '${ref.uuid}' (${ref.name})`);
    return o;
  }

  /**
   * The check of a define: returns the object with this UUID (to be
   * redefined), undefined for a new one, and refuses a name held by another
   * UUID or a UUID known under another name (OPERATION_FAILED).
   */
  checkConflicts(def: NamedObject): T | undefined {
    const same = this.findByUuid(def.uuid);
    if (same) {
      if (same.name !== def.name) throw this.fail(ErrorCode.OPERATION_FAILED, `${this.options.what} '${same.name}' is already defined with uuid ${def.uuid}`);
      return same;
    }
    const named = this.findByName(def.name);
    if (named) throw this.fail(ErrorCode.OPERATION_FAILED, `${this.options.what} '${def.name}' already exists with uuid ${named.uuid}`);
    return undefined;
  }

  /** Adds a new object; its identity must have passed checkConflicts. */
  add(obj: T): T {
    const key = obj.uuid.toLowerCase();
    const present = this.byUuid.get(key);
    if (present && present !== obj) throw this.fail(ErrorCode.INTERNAL_ERROR, `${this.options.what} ${obj.uuid} is already in the list`);
    this.byUuid.set(key, obj);
    return obj;
  }

  remove(obj: NamedObject): void {
    const key = obj.uuid.toLowerCase();
    if (this.byUuid.get(key) === obj) this.byUuid.delete(key);
  }

  /** Runs `op` while no other operation on the same name or UUID runs. */
  withIdentity<R>(def: NamedObject, op: () => Promise<R>): Promise<R> {
    return this.locks.run([`uuid:${def.uuid.toLowerCase()}`, `name:${def.name}`], op);
  }
}
