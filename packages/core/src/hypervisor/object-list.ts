import { ErrorCode, type ErrorReporter } from '../errors.js';
import { KeyedMutex } from './keyed-mutex.js';

/** What the list compares: a name and a UUID. */
export interface NamedObject {
  readonly uuid: string;
  readonly name: string;
}

export interface ObjectListOptions {
  /** The code of a failed lookup: NO_NETWORK, NO_STORAGE_POOL, … */
  noObject: ErrorCode;
  /** The object's kind in messages: 'network', 'storage pool'. */
  what: string;
}

/**
 * A host's objects of one kind other than domains (networks, storage
 * pools), as libvirt's virNetworkObjList / virStoragePoolObjList: lookup by
 * UUID and name with libvirt's messages, the name/UUID conflict check of a
 * define, and a lock per name and UUID so that defines, creates and
 * destroys of one identity run one after the other.
 */
export class ObjectList<T extends NamedObject> {
  private readonly byUuid = new Map<string, T>();
  private readonly locks = new KeyedMutex();

  /** fail: the driver's error reporter (its error domain). */
  constructor(protected readonly fail: ErrorReporter, private readonly options: ObjectListOptions) {}

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

  /** noObject unless an object has this name: "no network with matching name 'x'". */
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

  /** Resolves a handle by UUID; a handle without one by name (virDomainObjListFindByUUID and its siblings). */
  get(ref: NamedObject): T {
    const o = ref.uuid ? this.findByUuid(ref.uuid) : this.findByName(ref.name);
    if (!o) throw this.fail(this.options.noObject, `no ${this.options.what} with matching uuid '${ref.uuid}' (${ref.name})`);
    return o;
  }

  /**
   * The check of a define (virNetworkObjListAdd): returns the object with
   * this UUID (to be redefined), undefined for a new one, and refuses a name
   * held by another UUID or a UUID known under another name.
   */
  checkConflicts(def: NamedObject): T | undefined {
    const { what } = this.options;
    const same = this.findByUuid(def.uuid);
    if (same) {
      if (same.name !== def.name) throw this.fail(ErrorCode.OPERATION_FAILED, `${what} '${same.name}' is already defined with uuid ${def.uuid}`);
      return same;
    }
    const named = this.findByName(def.name);
    if (named) throw this.fail(ErrorCode.OPERATION_FAILED, `${what} '${def.name}' already exists with uuid ${named.uuid}`);
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

  has(obj: T): boolean {
    return this.byUuid.get(obj.uuid.toLowerCase()) === obj;
  }

  /** Runs `op` while no other operation on the same name or UUID runs. */
  withIdentity<R>(def: NamedObject, op: () => Promise<R>): Promise<R> {
    return this.locks.run([`uuid:${def.uuid.toLowerCase()}`, `name:${def.name}`], op);
  }
}
