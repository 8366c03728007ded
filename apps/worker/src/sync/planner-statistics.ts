import { analyzeCrmRecords, type Database } from "@revops/db";

/** Rows written before the first refresh: below this the planner's guesses do no harm. */
const FIRST_REFRESH = 20_000;

/**
 * Refreshes planner statistics while a sync writes a lot: each time the run's written rows double
 * (20k, 40k, 80k, …), so a 1M-record first sync analyzes about 6 times and a small incremental never.
 * The analyze runs beside the next pages' commits (it takes no lock that blocks inserts) instead of
 * holding the sync up; `settled()` waits for it and reports its failure.
 */
export class PlannerStatistics {
  readonly #db: Database;
  #written = 0;
  #next = FIRST_REFRESH;
  #running: Promise<void> | undefined;
  #failure: unknown;

  constructor(db: Database) {
    this.#db = db;
  }

  afterPage(records: number): void {
    this.#written += records;
    if (this.#written < this.#next || this.#running) return;
    this.#next = this.#written * 2;
    this.#running = analyzeCrmRecords(this.#db)
      .catch((error: unknown) => {
        this.#failure ??= error;
      })
      .finally(() => {
        this.#running = undefined;
      });
  }

  /** Waits for an analyze in flight; throws if one failed. */
  async settled(): Promise<void> {
    await this.#running;
    if (this.#failure !== undefined) throw this.#failure;
  }
}
