import { ErrorCode, type ErrorReporter } from '../errors.js';

/** What the list needs of a moment's definition: its name and its parent's. */
export interface MomentDef {
  name?: string;
  parent?: string;
}

/** One moment (snapshot or checkpoint) in the tree. */
export interface MomentNode<D extends MomentDef> {
  def: D & { name: string };
  /** Children's names, newest first (libvirt's sibling list). */
  children: string[];
}

/**
 * A domain's snapshots or checkpoints, as libvirt's virDomainMomentObjList:
 * a tree by parent name under an invisible root, with one current moment.
 * Children are kept newest first, as libvirt links them, so a topological
 * walk visits them in libvirt's order.
 */
export class MomentList<D extends MomentDef> {
  private readonly nodes = new Map<string, MomentNode<D>>();
  private readonly roots: string[] = [];
  /** The current moment's name. */
  current?: string;

  /** what: "snapshot" or "checkpoint", for NO_DOMAIN_SNAPSHOT's message. */
  constructor(private readonly fail: ErrorReporter, private readonly noObject: ErrorCode, private readonly what: string) {}

  get size(): number {
    return this.nodes.size;
  }

  find(name: string): MomentNode<D> | undefined {
    return this.nodes.get(name);
  }

  get(name: string): MomentNode<D> {
    const n = this.nodes.get(name);
    if (!n) throw this.fail(this.noObject, `no domain ${this.what} with matching name '${name}'`);
    return n;
  }

  values(): IterableIterator<MomentNode<D>> {
    return this.nodes.values();
  }

  /** Adds a moment and links it under its parent (or as a root). */
  add(def: D & { name: string }): MomentNode<D> {
    const node: MomentNode<D> = { def, children: [] };
    this.nodes.set(def.name, node);
    this.link(node);
    return node;
  }

  /** Replaces a moment's definition (a redefine), moving it when its parent changed. */
  replace(node: MomentNode<D>, def: D & { name: string }): void {
    this.unlink(node);
    node.def = def;
    this.link(node);
  }

  private siblings(parent: string | undefined): string[] {
    const p = parent === undefined ? undefined : this.nodes.get(parent);
    return p ? p.children : this.roots;
  }

  private link(node: MomentNode<D>): void {
    this.siblings(node.def.parent).unshift(node.def.name);
  }

  private unlink(node: MomentNode<D>): void {
    const list = this.siblings(node.def.parent);
    const i = list.indexOf(node.def.name);
    if (i >= 0) list.splice(i, 1);
  }

  /** Direct children of `name`, or the roots. */
  children(name?: string): MomentNode<D>[] {
    return (name === undefined ? this.roots : this.get(name).children).map((n) => this.nodes.get(n)!);
  }

  /** Everything below `name` (or the whole tree), parents before children, in libvirt's order. */
  descendants(name?: string): MomentNode<D>[] {
    const out: MomentNode<D>[] = [];
    const walk = (n: MomentNode<D>) => {
      out.push(n);
      for (const c of n.children) walk(this.nodes.get(c)!);
    };
    for (const c of this.children(name)) walk(c);
    return out;
  }

  /**
   * Forgets one moment. Its children move to its parent, ahead of the
   * parent's own (virDomainMomentMoveChildren) and renamed to point at it;
   * the current moment becomes the parent when it was this one.
   */
  remove(name: string): void {
    const node = this.get(name);
    const parent = node.def.parent;
    for (const c of node.children) {
      const child = this.nodes.get(c)!;
      if (parent === undefined) delete child.def.parent;
      else child.def.parent = parent;
    }
    this.unlink(node);
    this.siblings(parent).unshift(...node.children);
    node.children = [];
    this.nodes.delete(name);
    if (this.current === name) this.current = parent !== undefined && this.nodes.has(parent) ? parent : undefined;
  }

  /** Forgets everything below `name`; true when the current moment was among them. */
  removeDescendants(name: string): boolean {
    const below = this.descendants(name);
    let hadCurrent = false;
    for (const n of below) {
      this.nodes.delete(n.def.name);
      if (n.def.name === this.current) hadCurrent = true;
    }
    this.get(name).children = [];
    if (hadCurrent) this.current = undefined;
    return hadCurrent;
  }

  /** Whether making `parent` the parent of `name` would close a loop: `name` is `parent` or one of its ancestors. */
  wouldLoop(name: string, parent: string): boolean {
    for (let n: string | undefined = parent; n !== undefined; n = this.nodes.get(n)?.def.parent) {
      if (n === name) return true;
    }
    return false;
  }
}
