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

async function weekRows(
  ctx: ReviewContext,
  facts: ReviewFacts,
  week: string,
  asOf: Date,
  lines: string[],
  workspaceId: string,
) {
  const window = reviewWindow(ctx.defs, week, asOf);
  const own = factsForWeek(facts, ctx.defs, week, asOf);
  const counts = ctx.computedFrom === "facts" ? await countOpenSpans(ctx.db, { workspaceId, at: window.cutoff }) : null;
  const rows = lines.map((serviceLine) => {
    const row = computeReviewRow({ ...own, defs: ctx.defs, week, asOf, serviceLine });
    return counts ? withOpenCounts(row, counts, ctx.defs) : row;
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
  const byWeek = new Map<string, ReviewWeekBody>();
  for (const week of weeks) byWeek.set(week, await weekRows(ctx, facts, week, query.asOf, lines, query.workspaceId));
  const main = byWeek.get(query.week) as ReviewWeekBody;
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
    previous: byWeek.get(previous) as ReviewWeekBody,
    trend: trendWeeks.map((w) => byWeek.get(w) as ReviewWeekBody),
    freshness: {
      connections: connections.map((c) => ({
        connectionId: c.connectionId,
        crm: c.crm,
        name: c.name,
        lastSyncAt: c.lastSyncAt ? c.lastSyncAt.toISOString() : null,
      })),
      factsComputedAt: status.computedAt ? status.computedAt.toISOString() : null,
      factsDefinitionsVersions: status.versions,
    },
  };
}
