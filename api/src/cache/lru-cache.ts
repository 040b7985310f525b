interface Slot<V> {
  value: V;
  /** Access counter value when the entry last moved to the young end. */
  touched: number;
}

/**
 * A least-recently-used map with a fixed number of entries.
 * @remarks A `Map` keeps insertion order, so re-inserting an entry moves it to the young end and
 * the first key is the eviction candidate. Re-inserting on *every* hit churns the Map's hash
 * table (deleted slots pile up until it rehashes into a new, large backing store), which on the
 * API's hot path showed up as old-space garbage and mark-compact pauses. So an entry moves only
 * when it has aged past a quarter of the capacity since its last move: eviction order stays
 * LRU up to that slack, and a hot entry costs a lookup, not a delete and an insert.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private clock = 0;
  private readonly slack: number;

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.slack = Math.max(1, Math.floor(maxEntries / 4));
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (slot === undefined) return undefined;
    this.clock += 1;
    if (this.clock - slot.touched > this.slack) {
      slot.touched = this.clock;
      this.map.delete(key);
      this.map.set(key, slot);
    }
    return slot.value;
  }

  set(key: K, value: V): void {
    this.clock += 1;
    const slot = this.map.get(key);
    if (slot) {
      slot.value = value;
      return;
    }
    if (this.map.size >= this.maxEntries) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, { value, touched: this.clock });
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}
