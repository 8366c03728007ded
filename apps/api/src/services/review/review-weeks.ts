import type { Definitions } from "@revops/core";
import { coveragePeriod, OPEN_DEAL_STAGES, reviewWindow, UNASSIGNED } from "@revops/core";
import type { CachedReviewWeek } from "@revops/db";
import {
  countOpenSpansAt,
  cycleAggregates,
  dealAggregates,
  exitAggregates,
  readCachedReviewWeeks,
  writeCachedReviewWeeks,
} from "@revops/db";
import type { ReviewContext } from "./read-review.ts";
import type { ReviewWeekBody } from "./review-schema.ts";
import type { StoredAggregates } from "./rows-from-aggregates.ts";
import { rowFromAggregates } from "./rows-from-aggregates.ts";

type RowJson = ReviewWeekBody["rows"][number];

/** One week's rows by service line, and whether any of its facts carries `unassigned`. */
export interface WeekRows {
  week: string;
  start: string;
  end: string;
  rows: Map<string, RowJson>;
  hasUnassigned: boolean;
}

export interface WeekRowsRequest {
  workspaceId: string;
  weeks: string[];
  asOf: Date;
  /** The lines to compute for a week, given whether any requested week shows `unassigned`. */
  linesOf(week: string, anyUnassigned: boolean): string[];
  /** The facts generation read before the facts: rows are cached only if it has not moved. */
  generation: number;
}

/** Dates become ISO strings exactly as the API sends them. */
function jsonOf<T>(value: T): RowJson[] {
  return JSON.parse(JSON.stringify(value));
}

/**
 * The rows of some weeks from the stored facts: settled weeks from the cache, the others
 * grouped in SQL (all weeks at once) and computed by core's formulas; newly settled weeks
 * are cached with the lines computed (a later request needing another line recomputes the
 * week and widens the entry). Cached and computed rows are the same function of the facts:
 * past settledAt, no instant a figure compares with asOf is later than asOf.
 */
export async function factsWeekRows(ctx: ReviewContext, request: WeekRowsRequest): Promise<WeekRows[]> {
  const { workspaceId, asOf } = request;
  const version = ctx.version;
  const cached = await readCachedReviewWeeks(ctx.db, {
    workspaceId,
    definitionsVersion: version,
    weeks: request.weeks,
    asOf,
  });
  const linesIn = (c: CachedReviewWeek) => new Set((c.rows as RowJson[]).map((r) => r.serviceLine));
  // A hit has every line this request could show for the week (unassigned included, known or not).
  const hits = cached.filter((c) => request.linesOf(c.week, true).every((line) => linesIn(c).has(line)));
  const byWeek = new Map(hits.map((c) => [c.week, c]));
  const missing = request.weeks.filter((w) => !byWeek.has(w));
  const aggregates = missing.length > 0 ? await storedAggregates(ctx, workspaceId, missing, asOf) : null;
  const computed = missing.map((week) => weekAggregates(ctx.defs, aggregates as StoredAggregates, week, asOf));
  const anyUnassigned = hits.some((c) => c.hasUnassigned) || computed.some((c) => c.hasUnassigned);
  const settled: CachedReviewWeek[] = [];
  const out = new Map<string, WeekRows>();
  for (const c of hits) out.set(c.week, fromCache(ctx.defs, c, asOf));
  for (const week of computed) {
    const isSettled = week.settledAt <= asOf;
    const before = cached.find((c) => c.week === week.week);
    const lines = isSettled
      ? [...new Set([...request.linesOf(week.week, true), ...(before ? linesIn(before) : [])])]
      : request.linesOf(week.week, anyUnassigned);
    const rows = jsonOf(lines.map((line) => rowFromAggregates(week.aggregates, ctx.defs, week.week, asOf, line)));
    out.set(week.week, {
      week: week.week,
      start: week.start.toISOString(),
      end: week.end.toISOString(),
      rows: new Map(rows.map((r) => [r.serviceLine, r])),
      hasUnassigned: week.hasUnassigned,
    });
    if (isSettled) {
      settled.push({
        week: week.week,
        weekEnd: week.end,
        settledAt: week.settledAt,
        hasUnassigned: week.hasUnassigned,
        rows,
      });
    }
  }
  await writeCachedReviewWeeks(ctx.db, {
    workspaceId,
    definitionsVersion: version,
    generation: request.generation,
    weeks: settled,
  });
  return request.weeks.map((w) => out.get(w) as WeekRows);
}

function fromCache(defs: Definitions, cached: CachedReviewWeek, asOf: Date): WeekRows {
  const window = reviewWindow(defs, cached.week, asOf);
  const rows = cached.rows as RowJson[];
  return {
    week: cached.week,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    rows: new Map(rows.map((r) => [r.serviceLine, r])),
    hasUnassigned: cached.hasUnassigned,
  };
}

/**
 * One week's share of the grouped facts, when it settles, and whether it shows `unassigned`: a
 * cycle, exit or open span of the week carries it, or an unassigned deal counts in its coverage,
 * win rate or source mix.
 */
function weekAggregates(defs: Definitions, all: StoredAggregates, week: string, asOf: Date) {
  const window = reviewWindow(defs, week, asOf);
  const aggregates: StoredAggregates = {
    cycles: all.cycles.filter((c) => c.week === week),
    exits: all.exits.filter((e) => e.week === week),
    open: all.open.filter((o) => o.at.getTime() === window.cutoff.getTime()),
    deals: all.deals.filter((d) => d.week === week),
  };
  const latest = aggregates.cycles.find((c) => c.serviceLine === "all")?.latestAt ?? null;
  const settledAt = latest !== null && latest > window.end ? latest : window.end;
  const hasUnassigned =
    aggregates.cycles.some((c) => c.serviceLine === UNASSIGNED) ||
    aggregates.exits.some((e) => e.serviceLine === UNASSIGNED) ||
    aggregates.open.some((o) => o.serviceLine === UNASSIGNED) ||
    aggregates.deals.some((d) => d.serviceLine === UNASSIGNED);
  return { week, start: window.start, end: window.end, settledAt, hasUnassigned, aggregates };
}

/** Stored facts grouped in SQL for every requested week at once: cycles, exits, open spans and deal sums. */
async function storedAggregates(
  ctx: ReviewContext,
  workspaceId: string,
  weeks: string[],
  asOf: Date,
): Promise<StoredAggregates> {
  const windows = weeks.map((week) => reviewWindow(ctx.defs, week, asOf));
  const cutoffs = [...new Set(windows.map((w) => w.cutoff.getTime()))].map((t) => new Date(t));
  const dealWeeks = windows.map((w) => {
    const quarter = coveragePeriod(ctx.defs, w);
    return { ...w, periodFrom: quarter.startDate, periodTo: quarter.endDate };
  });
  const [cycles, exits, open, deals] = await Promise.all([
    cycleAggregates(ctx.db, { workspaceId, weeks: windows, asOf }),
    exitAggregates(ctx.db, { workspaceId, weeks: windows, asOf }),
    countOpenSpansAt(ctx.db, { workspaceId, at: cutoffs, timeZone: ctx.defs.timezone }),
    dealAggregates(ctx.db, { workspaceId, weeks: dealWeeks, asOf, openStages: OPEN_DEAL_STAGES }),
  ]);
  return { cycles, exits, open, deals };
}
