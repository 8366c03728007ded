import type { Definitions, ReviewFacts, ReviewRow } from "@revops/core";
import { computeReviewRow, isDealStage, previousWeek, reviewServiceLines, reviewWindow, weeksBack } from "@revops/core";
import type { Database, OpenStageCount } from "@revops/db";
import {
  countOpenSpans,
  currentDefinitions,
  factsStatus,
  findDefinitionVersion,
  findWorkspace,
  reviewDataFreshness,
} from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { badRequest, notFound } from "../../errors.ts";
import { factsForWeek, factsFromRecords, factsRange, storedFacts } from "./review-facts-source.ts";
import type { ReviewBody, ReviewWeekBody } from "./review-schema.ts";

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

/** Stored facts carry only exits; open and stalled counts come from SQL at each week's cutoff. */
function withOpenCounts(row: ReviewRow, counts: OpenStageCount[], defs: Definitions): ReviewRow {
  return {
    ...row,
    velocity: row.velocity.map((v) => {
      const kind = isDealStage(v.stage) ? "deal" : "lead";
      const matching = counts.filter(
        (c) =>
          c.stage === v.stage &&
          c.entityKind === kind &&
          (row.serviceLine === "all" || c.serviceLine === row.serviceLine),
      );
      const hasRule = defs.slaRules.some((r) => r.kind === "stage_max_age" && r.startStage === v.stage);
      return {
        ...v,
        openCount: matching.reduce((sum, c) => sum + c.open, 0),
        stalled: hasRule ? matching.reduce((sum, c) => sum + c.stalled, 0) : null,
      };
    }),
  };
}

/** One week's rows; open/stalled counts at the week's cutoff come from `counts` (stored facts) or from the spans (records). */
function weekRows(
  ctx: ReviewContext,
  facts: ReviewFacts,
  week: string,
  asOf: Date,
  lines: string[],
  counts: OpenStageCount[] | null,
): ReviewWeekBody {
  const window = reviewWindow(ctx.defs, week, asOf);
  const own = factsForWeek(facts, ctx.defs, week, asOf);
  const atCutoff = counts?.filter((c) => c.at.getTime() === window.cutoff.getTime()) ?? null;
  const rows = lines.map((serviceLine) => {
    const row = computeReviewRow({ ...own, defs: ctx.defs, week, asOf, serviceLine });
    return atCutoff ? withOpenCounts(row, atCutoff, ctx.defs) : row;
  });
  return { week, start: window.start.toISOString(), end: window.end.toISOString(), rows: jsonOf(rows) };
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
  const facts = await factsForWeeks(ctx, query.workspaceId, weeks, query.asOf);
  const lines = query.serviceLine ? [query.serviceLine] : reviewServiceLines(facts, ctx.defs);
  const cutoffs = [...new Set(weeks.map((w) => reviewWindow(ctx.defs, w, query.asOf).cutoff.getTime()))].map(
    (t) => new Date(t),
  );
  const counts =
    ctx.computedFrom === "facts" ? await countOpenSpans(ctx.db, { workspaceId: query.workspaceId, at: cutoffs }) : null;
  const main = weekRows(ctx, facts, query.week, query.asOf, lines, counts);
  const before = weekRows(ctx, facts, previous, query.asOf, lines, counts);
  // The trend carries one row per week (all, or the requested line): 12 full reviews would cost 12× for a sparkline.
  const trendLines = [query.serviceLine ?? "all"];
  const pick = (week: ReviewWeekBody) => ({
    ...week,
    rows: week.rows.filter((r) => trendLines.includes(r.serviceLine)),
  });
  const trend = trendWeeks.map((w) =>
    w === query.week
      ? pick(main)
      : w === previous
        ? pick(before)
        : weekRows(ctx, facts, w, query.asOf, trendLines, counts),
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
