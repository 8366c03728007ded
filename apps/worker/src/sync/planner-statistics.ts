import { analyzeCrmRecords, type Database } from "@revops/db";

/**
 * Rows written before the first refresh: about a page, so that statistics taken before this connection had
 * rows (another connection's sync filled the tables) do not plan its probes for long.
 */
const FIRST_REFRESH = 2_000;

/**
 * Refreshes planner statistics while a sync writes a lot: each time the run's written rows double
 * (2k, 4k, 8k, …), so a 1M-record first sync analyzes about 10 times and a small incremental never; only the
 * tables written since the previous refresh (a Salesforce sync's Task pages write activities alone).
 * The analyze runs beside the next pages' commits (it takes no lock that blocks inserts) instead of
 * holding the sync up; `settled()` waits for it and reports its failure.
 */
export class PlannerStatistics {
  readonly #db: Database;
  #written = 0;
  #next = FIRST_REFRESH;
  /** Tables written since the last refresh began: the others' statistics are as current as they were. */
  readonly #dirty = new Set<string>();
  #running: Promise<void> | undefined;
  #failure: unknown;

  constructor(db: Database) {
    this.#db = db;
  }

  afterPage(records: number, tables: Iterable<string>): void {
    this.#written += records;
    for (const table of tables) this.#dirty.add(table);
    if (this.#written < this.#next || this.#running) return;
    this.#next = this.#written * 2;
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    this.#running = analyzeCrmRecords(this.#db, dirty)
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
