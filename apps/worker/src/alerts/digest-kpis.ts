import {
  computeReviewRow,
  type Definitions,
  fiscalQuarterOf,
  previousWeek,
  type ReviewRow,
  reviewWindow,
} from "@revops/core";
import { type Database, loadCycleFacts, loadDealFacts, loadExitSpanFacts } from "@revops/db";

export interface DigestKpi {
  label: string;
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is missing. */
  delta: number | null;
  unit: "count" | "minutes" | "ratio" | "amount";
}

/**
 * The review row (`all` service lines) of a week, computed by core from the stored facts — the
 * same aggregation as the review API. Open and stalled stage counts are not part of the digest's
 * KPI set (the digest lists the stalled deals themselves).
 */
async function reviewRowOf(db: Database, workspaceId: string, defs: Definitions, week: string, asOf: Date) {
  const window = reviewWindow(defs, week, asOf);
  const quarter = fiscalQuarterOf(new Date(window.end.getTime() - 1), defs.timezone, defs.fiscalYearStartMonth);
  const range = {
    workspaceId,
    from: window.start,
    to: window.end,
    asOf,
    periodFrom: quarter.startDate,
    periodTo: quarter.endDate,
    latestCutoff: new Date(Math.min(asOf.getTime(), window.end.getTime())),
  };
  const [cycles, spans, deals] = await Promise.all([
    loadCycleFacts(db, range),
    loadExitSpanFacts(db, range),
    loadDealFacts(db, range),
  ]);
  return computeReviewRow({ cycles, spans, deals, defs, week, asOf, serviceLine: "all" });
}

const kpi = (label: string, unit: DigestKpi["unit"], value: number | null, previous: number | null): DigestKpi => ({
  label,
  unit,
  value,
  previous,
  delta: value === null || previous === null ? null : value - previous,
});

/** Last week's headline numbers with their week-over-week deltas. */
export async function digestKpis(
  db: Database,
  params: { workspaceId: string; defs: Definitions; week: string; asOf: Date },
) {
  const row = await reviewRowOf(db, params.workspaceId, params.defs, params.week, params.asOf);
  const before = await reviewRowOf(db, params.workspaceId, params.defs, previousWeek(params.week), params.asOf);
  const pick = (label: string, unit: DigestKpi["unit"], value: (r: ReviewRow) => number | null) =>
    kpi(label, unit, value(row), value(before));
  return [
    pick("MQLs", "count", (r) => r.responseTime.mqls),
    pick("Median response (business minutes)", "minutes", (r) => r.responseTime.medianBusinessMinutes),
    pick("Responded within SLA", "ratio", (r) => r.responseTime.withinSlaRate),
    pick("Lead acceptance rate", "ratio", (r) => r.acceptance.rate),
    pick("Open pipeline this quarter", "amount", (r) => r.coverage.openPipeline),
    pick("Pipeline coverage", "ratio", (r) => r.coverage.ratio),
    pick("Deals won", "count", (r) => r.winRate.won),
    pick("Win rate", "ratio", (r) => r.winRate.rate),
  ];
}
