import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { factsState, reviewWeekCache } from "../schema/facts.ts";

type Executor = Pick<Database, "execute" | "delete" | "insert">;

export interface CachedReviewWeek {
  week: string;
  weekEnd: Date;
  settledAt: Date;
  hasUnassigned: boolean;
  /** Review rows of every line, as JSON (the API's shape). */
  rows: unknown[];
}

/** Cached weeks of a definitions version that a review as of `asOf` may use (settled by then). */
export async function readCachedReviewWeeks(
  db: Database,
  params: { workspaceId: string; definitionsVersion: number; weeks: string[]; asOf: Date },
): Promise<CachedReviewWeek[]> {
  if (params.weeks.length === 0) return [];
  const rows = await db
    .select()
    .from(reviewWeekCache)
    .where(
      and(
        eq(reviewWeekCache.workspaceId, params.workspaceId),
        eq(reviewWeekCache.definitionsVersion, params.definitionsVersion),
        inArray(reviewWeekCache.week, params.weeks),
        lte(reviewWeekCache.settledAt, params.asOf),
      ),
    );
  return rows.map((r) => ({
    week: r.week,
    weekEnd: r.weekEnd,
    settledAt: r.settledAt,
    hasUnassigned: r.hasUnassigned,
    rows: r.rows as unknown[],
  }));
}

/**
 * Stores settled weeks computed from facts of `generation`, unless the facts changed since
 * (the share lock waits for, or makes wait, a facts write, which bumps the generation first).
 */
export async function writeCachedReviewWeeks(
  db: Database,
  params: { workspaceId: string; definitionsVersion: number; generation: number; weeks: CachedReviewWeek[] },
): Promise<boolean> {
  if (params.weeks.length === 0) return false;
  return db.transaction(async (tx) => {
    const result = (await tx.execute(
      sql`select generation from facts_state where workspace_id = ${params.workspaceId} for share`,
    )) as unknown as { rows: Array<{ generation: unknown }> };
    if (Number(result.rows[0]?.generation ?? -1) !== params.generation) return false;
    await tx
      .insert(reviewWeekCache)
      .values(
        params.weeks.map((w) => ({
          workspaceId: params.workspaceId,
          week: w.week,
          definitionsVersion: params.definitionsVersion,
          weekEnd: w.weekEnd,
          settledAt: w.settledAt,
          hasUnassigned: w.hasUnassigned,
          rows: w.rows,
        })),
      )
      .onConflictDoUpdate({
        target: [reviewWeekCache.workspaceId, reviewWeekCache.week, reviewWeekCache.definitionsVersion],
        set: {
          weekEnd: sql`excluded.week_end`,
          settledAt: sql`excluded.settled_at`,
          hasUnassigned: sql`excluded.has_unassigned`,
          rows: sql`excluded.rows`,
          computedAt: sql`now()`,
        },
      });
    return true;
  });
}

/**
 * Called first in every facts write: bumps the generation (taking the row lock a cache write
 * shares) and drops the cached weeks the write can change: those ending at or after `from`, the
 * earliest instant of the old or new facts (cycle start, span entry, deal creation); null = all.
 */
export async function invalidateReviewWeeks(
  db: Executor,
  params: { workspaceId: string; definitionsVersion: number; from: Date | null },
): Promise<void> {
  await db
    .insert(factsState)
    .values({ workspaceId: params.workspaceId, definitionsVersion: params.definitionsVersion, generation: 1 })
    .onConflictDoUpdate({ target: factsState.workspaceId, set: { generation: sql`${factsState.generation} + 1` } });
  await db
    .delete(reviewWeekCache)
    .where(
      and(
        eq(reviewWeekCache.workspaceId, params.workspaceId),
        params.from === null ? undefined : gte(reviewWeekCache.weekEnd, params.from),
      ),
    );
}
