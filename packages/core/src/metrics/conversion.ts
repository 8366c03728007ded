import type { CycleFactRow } from "./facts.ts";
import { rate } from "./percentile.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface Conversion {
  mqls: number;
  sal: number;
  sql: number;
  opportunity: number;
  closed_won: number;
  /** sal / mqls */
  salRate: number | null;
  /** sql / sal */
  sqlRate: number | null;
  /** opportunity / sql */
  opportunityRate: number | null;
  /** closed_won / opportunity */
  closedWonRate: number | null;
  /** closed_won / mqls, end to end */
  mqlToClosedWonRate: number | null;
}

/** Funnel conversion of the cohort of MQL cycles started in W: reach inside the cycle and by T. */
export function conversionOf(cycles: readonly CycleFactRow[], window: ReviewWindow): Conversion {
  const counts = { mqls: 0, sal: 0, sql: 0, opportunity: 0, closed_won: 0 };
  const by = (at: Date | null) => at !== null && at <= window.asOf;
  for (const cycle of cycles) {
    if (!inWindow(window, cycle.startAt)) continue;
    counts.mqls++;
    if (by(cycle.reachedAt.sal)) counts.sal++;
    if (by(cycle.reachedAt.sql)) counts.sql++;
    if (by(cycle.reachedAt.opportunity)) counts.opportunity++;
    if (by(cycle.reachedAt.closed_won)) counts.closed_won++;
  }
  return {
    ...counts,
    salRate: rate(counts.sal, counts.mqls),
    sqlRate: rate(counts.sql, counts.sal),
    opportunityRate: rate(counts.opportunity, counts.sql),
    closedWonRate: rate(counts.closed_won, counts.opportunity),
    mqlToClosedWonRate: rate(counts.closed_won, counts.mqls),
  };
}
