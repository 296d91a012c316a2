import { type PlannedAction } from './workload-actions';

interface Entry {
  action: PlannedAction;
  /** Insertion order, so actions at the same instant keep the order they were planned in. */
  order: number;
}

/** A binary min-heap of planned actions by simulated time: the generator keeps only the cases in flight in it. */
export class ActionQueue {
  private readonly heap: Entry[] = [];
  private inserted = 0;

  /** Number of actions waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Simulated time of the earliest action, or Infinity when empty. */
  peekTime(): number {
    return this.heap[0]?.action.simOffsetMs ?? Number.POSITIVE_INFINITY;
  }

  /** Adds an action. */
  push(action: PlannedAction): void {
    const heap = this.heap;
    heap.push({ action, order: this.inserted++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Entry, heap[parent] as Entry)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry];
      i = parent;
    }
  }

  /** Removes and returns the earliest action. */
  pop(): PlannedAction | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left] as Entry, heap[smallest] as Entry)) smallest = left;
        if (right < heap.length && before(heap[right] as Entry, heap[smallest] as Entry)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as Entry, heap[i] as Entry];
        i = smallest;
      }
    }
    return top.action;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.action.simOffsetMs < b.action.simOffsetMs || (a.action.simOffsetMs === b.action.simOffsetMs && a.order < b.order);
}
