import type { TrafficOutcome } from '../traffic-event.js';

/** A binary min-heap of pending outcomes by due time, ties broken by request index so the order is deterministic. */
export class OutcomeQueue {
  readonly #items: TrafficOutcome[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The earliest due time, or `undefined` when empty. */
  peekTimeMillis(): number | undefined {
    return this.#items[0]?.timeMillis;
  }

  push(outcome: TrafficOutcome): void {
    const items = this.#items;
    items.push(outcome);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(items[index]!, items[parent]!)) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  pop(): TrafficOutcome | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest]!, items[index]!];
        index = smallest;
      }
    }
    return top;
  }
}

function before(left: TrafficOutcome, right: TrafficOutcome): boolean {
  return left.timeMillis < right.timeMillis || (left.timeMillis === right.timeMillis && left.requestIndex < right.requestIndex);
}
