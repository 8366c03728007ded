import type { Definitions, ReviewFacts } from "@revops/core";
import { computeReviewRow, previousWeek, reviewServiceLines, reviewWindow, UNASSIGNED, weeksBack } from "@revops/core";
import type { Database } from "@revops/db";
import {
  currentDefinitions,
  FACTS_FORMAT,
  factsStatus,
  findDefinitionVersion,
  findWorkspace,
  reviewDataFreshness,
} from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { badRequest, notFound } from "../../errors.ts";
import { factsFromRecords, factsRange, storedFacts, weekFactsSelector } from "./review-facts-source.ts";
import type { ReviewBody, ReviewWeekBody } from "./review-schema.ts";
import type { WeekRows } from "./review-weeks.ts";
import { factsWeekRows } from "./review-weeks.ts";

export interface ReviewQuery {
  workspaceId: string;
  week: string;
  asOf: Date;
  serviceLine?: string | undefined;
  trend: boolean;
  /** Compute under this definitions version instead of the current one (recomputed from records). */
  definitionsVersion?: number | undefined;
}

export interface ReviewContext {
  db: Database;
  defs: Definitions;
  version: number;
  computedFrom: "facts" | "records";
}

/** The definitions a review is computed under, and whether the stored facts match them. */
export async function reviewContext(deps: ApiDeps, workspaceId: string, version?: number): Promise<ReviewContext> {
  const db = deps.database.db;
  if (!(await findWorkspace(db, { workspaceId }))) throw notFound(`Workspace "${workspaceId}"`);
  const current = await currentDefinitions(db, { workspaceId });
  if (version === undefined || version === current.version) {
    return { db, defs: current.document, version: current.version, computedFrom: "facts" };
  }
  const found = await findDefinitionVersion(db, { workspaceId, version });
  if (!found) throw notFound(`Definitions version ${version} of workspace "${workspaceId}"`);
  return { db, defs: found.document, version, computedFrom: "records" };
}

/** A service line the review knows: `all`, a defined line, or `unassigned`. */
export function checkServiceLine(defs: Definitions, serviceLine: string | undefined): void {
  if (serviceLine === undefined) return;
  const known = ["all", ...defs.serviceLines.map((s) => s.key), "unassigned"];
  if (!known.includes(serviceLine)) {
    throw badRequest(`Unknown service line "${serviceLine}"; expected one of ${known.join(", ")}`);
  }
}

/** Loads the facts a set of weeks needs: stored facts, or (other definitions version) recomputed from records. */
export async function factsForWeeks(ctx: ReviewContext, workspaceId: string, weeks: string[], asOf: Date) {
  const range = factsRange(workspaceId, ctx.defs, weeks, asOf);
  return ctx.computedFrom === "facts" ? storedFacts(ctx.db, range) : factsFromRecords(ctx.db, workspaceId, ctx.defs);
}

/** One week's rows recomputed from records (another definitions version, or facts of an older layout). */
function recordWeekRows(
  ctx: ReviewContext,
  factsOf: (week: string, asOf: Date) => ReviewFacts,
  week: string,
  asOf: Date,
  lines: string[],
): ReviewWeekBody {
  const window = reviewWindow(ctx.defs, week, asOf);
  const own = factsOf(week, asOf);
  const rows = lines.map((serviceLine) => computeReviewRow({ ...own, defs: ctx.defs, week, asOf, serviceLine }));
  return { week, start: window.start.toISOString(), end: window.end.toISOString(), rows: jsonOf(rows) };
}

/** Dates become ISO strings exactly as the API sends them. */
function jsonOf<T>(value: T): ReviewWeekBody["rows"] {
  return JSON.parse(JSON.stringify(value));
}

/** W, W−1 and the trend (one row per week: all, or the requested line) from the stored facts and the week cache. */
async function weeksFromFacts(ctx: ReviewContext, query: ReviewQuery, generation: number) {
  const previous = previousWeek(query.week);
  const trendWeeks = query.trend ? weeksBack(query.week, 12) : [];
  const main = new Set([query.week, previous]);
  const weeks = [...new Set([previous, query.week, ...trendWeeks])];
  const defined = ctx.defs.serviceLines.map((s) => s.key);
  // The trend carries one row per week (all, or the requested line): 12 full reviews would cost 12× for a sparkline.
  const trendLines = [query.serviceLine ?? "all"];
  const linesOf = (week: string, anyUnassigned: boolean) => {
    if (query.serviceLine) return [query.serviceLine];
    if (!main.has(week)) return trendLines;
    return anyUnassigned ? ["all", ...defined, UNASSIGNED] : ["all", ...defined];
  };
  const computed = await factsWeekRows(ctx, {
    workspaceId: query.workspaceId,
    weeks,
    asOf: query.asOf,
    linesOf,
    generation,
  });
  const anyUnassigned = computed.some((w) => w.hasUnassigned);
  const body = (week: WeekRows, lines: string[]): ReviewWeekBody => ({
    week: week.week,
    start: week.start,
    end: week.end,
    rows: lines.map((line) => week.rows.get(line)).filter((row) => row !== undefined),
  });
  const find = (week: string) => computed.find((w) => w.week === week) as WeekRows;
  return {
    main: body(find(query.week), linesOf(query.week, anyUnassigned)),
    before: body(find(previous), linesOf(previous, anyUnassigned)),
    trend: trendWeeks.map((w) => body(find(w), trendLines)),
  };
}

/** W, W−1 and the trend recomputed from the records under another definitions version. */
async function weeksFromRecords(ctx: ReviewContext, query: ReviewQuery) {
  const previous = previousWeek(query.week);
  const facts = await factsFromRecords(ctx.db, query.workspaceId, ctx.defs);
  const factsOf = weekFactsSelector(facts, ctx.defs);
  const lines = query.serviceLine ? [query.serviceLine] : reviewServiceLines(facts, ctx.defs);
  const main = recordWeekRows(ctx, factsOf, query.week, query.asOf, lines);
  const before = recordWeekRows(ctx, factsOf, previous, query.asOf, lines);
  const trendLines = [query.serviceLine ?? "all"];
  const pick = (week: ReviewWeekBody) => ({
    ...week,
    rows: week.rows.filter((r) => trendLines.includes(r.serviceLine)),
  });
  const trendWeeks = query.trend ? weeksBack(query.week, 12) : [];
  const trend = trendWeeks.map((w) =>
    w === query.week
      ? pick(main)
      : w === previous
        ? pick(before)
        : recordWeekRows(ctx, factsOf, w, query.asOf, trendLines),
  );
  return { main, before, trend };
}

/** The weekly review of spec §7 (plus the 12-week trend): settled weeks from the cache, the rest from the facts. */
export async function readReview(deps: ApiDeps, query: ReviewQuery): Promise<ReviewBody> {
  const context = await reviewContext(deps, query.workspaceId, query.definitionsVersion);
  checkServiceLine(context.defs, query.serviceLine);
  // Read before the facts: rows computed from facts newer than this generation are not cached.
  const status = await factsStatus(context.db, { workspaceId: query.workspaceId });
  // Facts written before their current layout (an upgrade, until the worker's full recompute): the records are exact.
  const oldFacts = status.factsFormat !== null && status.factsFormat < FACTS_FORMAT;
  const ctx: ReviewContext = oldFacts ? { ...context, computedFrom: "records" } : context;
  const { main, before, trend } =
    ctx.computedFrom === "facts"
      ? await weeksFromFacts(ctx, query, status.generation)
      : await weeksFromRecords(ctx, query);
  const connections = await reviewDataFreshness(ctx.db, { workspaceId: query.workspaceId });
  return {
    workspace: query.workspaceId,
    week: query.week,
    timezone: ctx.defs.timezone,
    start: main.start,
    end: main.end,
    asOf: query.asOf.toISOString(),
    definitionsVersion: ctx.version,
    computedFrom: ctx.computedFrom,
    rows: main.rows,
    previous: before,
    trend,
    freshness: {
      connections: connections.map((c) => ({
        connectionId: c.connectionId,
        crm: c.crm,
        name: c.name,
        lastSyncAt: c.lastSyncAt ? c.lastSyncAt.toISOString() : null,
      })),
      factsComputedAt: status.computedAt ? new Date(status.computedAt).toISOString() : null,
      factsDefinitionsVersion: status.definitionsVersion,
    },
  };
}
