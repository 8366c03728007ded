/** One batch's commit in flight and the rows it writes (null: it overlaps no other batch). */
interface InFlight {
  done: Promise<void>;
  keys: Set<string> | null;
}

/**
 * Commits batches in order, two at a time where they allow it: a batch whose rows (`keys`) are disjoint from
 * those of the batch in flight, both of kinds that may overlap, starts its transaction on another connection
 * and writes those rows meanwhile; its commit waits for the previous one (`start` gets that commit as `after`).
 * Any other batch waits for every commit in flight first. A cursor thus never commits before the data of the
 * pages before it, and the database works on two batches at once where the pages are independent.
 */
export class CommitPipeline {
  readonly #overlap: boolean;
  readonly #inFlight: InFlight[] = [];

  /** `overlap` false: one batch at a time (PGlite has one connection). */
  constructor(options: { overlap: boolean }) {
    this.#overlap = options.overlap;
  }

  /**
   * Starts a batch's commit once the batches before it allow it. Rejects with the first failed commit
   * (a later one in flight then rolls back); `settled()` waits for those still in flight.
   */
  async submit(keys: Set<string> | null, start: (after: Promise<void> | undefined) => Promise<void>): Promise<void> {
    const last = this.#inFlight.at(-1);
    const overlaps = this.#overlap && keys !== null && last?.keys != null && disjoint(keys, last.keys);
    // Two in flight at most: the one before the last has committed before this one starts.
    while (this.#inFlight.length > (overlaps ? 1 : 0)) await (this.#inFlight.shift() as InFlight).done;
    const done = start(this.#inFlight.at(-1)?.done);
    // Awaited by the next submit or drain; a failure meanwhile must not count as unhandled.
    done.catch(() => {});
    this.#inFlight.push({ done, keys });
  }

  /** Waits for every commit in flight; rejects with the first failure. */
  async drain(): Promise<void> {
    while (this.#inFlight.length > 0) await (this.#inFlight.shift() as InFlight).done;
  }

  /** Waits for every commit in flight, failed or not (before recording a failed run). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0).map((entry) => entry.done));
  }
}

function disjoint(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return false;
  return true;
}
