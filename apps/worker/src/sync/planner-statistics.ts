import { analyzeCrmRecords, type Database } from "@revops/db";

/** Rows written before the first refresh: below this the planner's guesses do no harm. */
const FIRST_REFRESH = 20_000;

/**
 * Refreshes planner statistics while a sync writes a lot: each time the run's written rows double
 * (20k, 40k, 80k, …), so a 1M-record first sync analyzes about 6 times and a small incremental never.
 */
export class PlannerStatistics {
  readonly #db: Database;
  #written = 0;
  #next = FIRST_REFRESH;

  constructor(db: Database) {
    this.#db = db;
  }

  async afterPage(records: number): Promise<void> {
    this.#written += records;
    if (this.#written < this.#next) return;
    this.#next = this.#written * 2;
    await analyzeCrmRecords(this.#db);
  }
}
