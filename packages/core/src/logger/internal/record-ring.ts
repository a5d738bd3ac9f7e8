/**
 * A fixed-capacity FIFO of records. Records stay in the ring until the store confirms them or
 * the logger gives up on them, so the in-flight batch counts against the capacity too.
 * `push` allocates nothing: the slots are allocated once.
 */
export class RecordRing<T> {
  private readonly slots: Array<T | undefined>;
  /** A number kept beside each record (the logger keeps its timestamp in millis, so that `log()` allocates no Date). */
  private readonly stamps: Float64Array;
  private head = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
    this.stamps = new Float64Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  /** Appends a record, with an optional number kept beside it; false when the ring is full. */
  push(record: T, stamp = 0): boolean {
    if (this.length === this.capacity) return false;
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    this.slots[tail] = record;
    this.stamps[tail] = stamp;
    this.length++;
    return true;
  }

  /**
   * Copies up to `count` records from the head, without removing them. `prepare`, when given, sees
   * each record with its number first (off the hot path: at flush time).
   */
  peek(count: number, prepare?: (record: T, stamp: number) => void): T[] {
    const taken = Math.min(count, this.length);
    const batch = new Array<T>(taken);
    let index = this.head;
    for (let offset = 0; offset < taken; offset++) {
      const record = this.slots[index]!;
      prepare?.(record, this.stamps[index]!);
      batch[offset] = record;
      if (++index === this.capacity) index = 0;
    }
    return batch;
  }

  /** Removes `count` records from the head. */
  remove(count: number): void {
    const removed = Math.min(count, this.length);
    for (let offset = 0; offset < removed; offset++) {
      this.slots[this.head] = undefined;
      if (++this.head === this.capacity) this.head = 0;
    }
    this.length -= removed;
  }
}
