import type { Definitions, ReviewFacts, ReviewRow } from "@revops/core";
import { computeReviewRow, previousWeek, reviewServiceLines, reviewWindow, UNASSIGNED, weeksBack } from "@revops/core";
import type { Database } from "@revops/db";
import {
  countOpenSpans,
  currentDefinitions,
  cycleAggregates,
  exitAggregates,
  factsStatus,
  findDefinitionVersion,
  findWorkspace,
  loadDealFacts,
  reviewDataFreshness,
} from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { badRequest, notFound } from "../../errors.ts";
import { factsForWeek, factsFromRecords, factsRange, storedFacts } from "./review-facts-source.ts";
import type { ReviewBody, ReviewWeekBody } from "./review-schema.ts";
import type { StoredAggregates } from "./rows-from-aggregates.ts";
import { rowFromAggregates } from "./rows-from-aggregates.ts";

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

type RowSource = { kind: "facts"; aggregates: StoredAggregates } | { kind: "records"; facts: ReviewFacts };

/** One week's rows: from SQL-grouped facts, or (another definitions version) from facts rebuilt from records. */
function weekRows(ctx: ReviewContext, source: RowSource, week: string, asOf: Date, lines: string[]): ReviewWeekBody {
  const window = reviewWindow(ctx.defs, week, asOf);
  let rows: ReviewRow[];
  if (source.kind === "facts") {
    const aggregates = {
      ...source.aggregates,
      deals: factsForWeek({ cycles: [], spans: [], deals: source.aggregates.deals }, ctx.defs, week, asOf).deals,
    };
    rows = lines.map((serviceLine) => rowFromAggregates(aggregates, ctx.defs, week, asOf, serviceLine));
  } else {
    const own = factsForWeek(source.facts, ctx.defs, week, asOf);
    rows = lines.map((serviceLine) => computeReviewRow({ ...own, defs: ctx.defs, week, asOf, serviceLine }));
  }
  return { week, start: window.start.toISOString(), end: window.end.toISOString(), rows: jsonOf(rows) };
}

/** Stored facts: grouped in SQL for every requested week at once (cycles, exits, open spans), deals read whole. */
async function storedAggregates(
  ctx: ReviewContext,
  workspaceId: string,
  weeks: string[],
  asOf: Date,
): Promise<StoredAggregates> {
  const windows = weeks.map((week) => reviewWindow(ctx.defs, week, asOf));
  const cutoffs = [...new Set(windows.map((w) => w.cutoff.getTime()))].map((t) => new Date(t));
  const range = factsRange(workspaceId, ctx.defs, weeks, asOf);
  const [cycles, exits, open, deals] = await Promise.all([
    cycleAggregates(ctx.db, { workspaceId, weeks: windows, asOf }),
    exitAggregates(ctx.db, { workspaceId, weeks: windows, asOf }),
    countOpenSpans(ctx.db, { workspaceId, at: cutoffs }),
    loadDealFacts(ctx.db, range),
  ]);
  return { cycles, exits, open, deals };
}

/** Row keys: `all`, each defined line, and `unassigned` when any fact of these weeks carries it (as core does). */
function serviceLinesOf(defs: Definitions, aggregates: StoredAggregates): string[] {
  const lines = ["all", ...defs.serviceLines.map((s) => s.key)];
  const unassigned =
    aggregates.cycles.some((c) => c.serviceLine === UNASSIGNED) ||
    aggregates.exits.some((e) => e.serviceLine === UNASSIGNED) ||
    aggregates.open.some((o) => o.serviceLine === UNASSIGNED) ||
    aggregates.deals.some((d) => d.serviceLine === UNASSIGNED);
  return unassigned ? [...lines, UNASSIGNED] : lines;
}

/** Dates become ISO strings exactly as the API sends them. */
function jsonOf<T>(value: T): ReviewWeekBody["rows"] {
  return JSON.parse(JSON.stringify(value));
}

/** The weekly review of spec §7 (plus the 12-week trend), read from the precomputed facts. */
export async function readReview(deps: ApiDeps, query: ReviewQuery): Promise<ReviewBody> {
  const ctx = await reviewContext(deps, query.workspaceId, query.definitionsVersion);
  checkServiceLine(ctx.defs, query.serviceLine);
  const previous = previousWeek(query.week);
  const trendWeeks = query.trend ? weeksBack(query.week, 12) : [];
  const weeks = [...new Set([previous, query.week, ...trendWeeks])];
  let source: RowSource;
  let lines: string[];
  if (ctx.computedFrom === "facts") {
    const aggregates = await storedAggregates(ctx, query.workspaceId, weeks, query.asOf);
    source = { kind: "facts", aggregates };
    lines = query.serviceLine ? [query.serviceLine] : serviceLinesOf(ctx.defs, aggregates);
  } else {
    const facts = await factsFromRecords(ctx.db, query.workspaceId, ctx.defs);
    source = { kind: "records", facts };
    lines = query.serviceLine ? [query.serviceLine] : reviewServiceLines(facts, ctx.defs);
  }
  const main = weekRows(ctx, source, query.week, query.asOf, lines);
  const before = weekRows(ctx, source, previous, query.asOf, lines);
  // The trend carries one row per week (all, or the requested line): 12 full reviews would cost 12× for a sparkline.
  const trendLines = [query.serviceLine ?? "all"];
  const pick = (week: ReviewWeekBody) => ({
    ...week,
    rows: week.rows.filter((r) => trendLines.includes(r.serviceLine)),
  });
  const trend = trendWeeks.map((w) =>
    w === query.week ? pick(main) : w === previous ? pick(before) : weekRows(ctx, source, w, query.asOf, trendLines),
  );
  const [connections, status] = await Promise.all([
    reviewDataFreshness(ctx.db, { workspaceId: query.workspaceId }),
    factsStatus(ctx.db, { workspaceId: query.workspaceId }),
  ]);
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
