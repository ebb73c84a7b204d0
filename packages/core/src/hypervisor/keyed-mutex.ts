/**
 * Runs operations one at a time per key. An operation that holds several
 * keys (a domain's name and its UUID) waits for all of them; keys are taken
 * in sorted order so two such operations never wait on each other.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], op: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const before = sorted.map((k) => this.tails.get(k) ?? Promise.resolve());
    const mine = sorted.map((k) => {
      const tail = Promise.all([this.tails.get(k), held]).then(() => {});
      this.tails.set(k, tail);
      return [k, tail] as const;
    });
    try {
      await Promise.all(before);
      return await op();
    } finally {
      release();
      for (const [k, tail] of mine) {
        void tail.then(() => { if (this.tails.get(k) === tail) this.tails.delete(k); });
      }
    }
  }

  /** True while some operation holds or waits for `key`. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
