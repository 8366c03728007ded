import type { DealState } from "../deals/state.ts";
import { dealStateAt } from "../deals/state.ts";
import type { Definitions } from "../definitions/types.ts";
import { OPEN_DEAL_STAGES } from "../stages/order.ts";
import type { FiscalQuarter } from "../time/fiscal.ts";
import { fiscalQuarterOf } from "../time/fiscal.ts";
import { inDealIdOrder } from "./dealOrder.ts";
import type { DealFactRow } from "./facts.ts";
import type { ReviewWindow } from "./window.ts";

export interface Coverage {
  /** Fiscal quarter key, e.g. `FY2026-Q4`. */
  period: string;
  periodStart: Date;
  periodEnd: Date;
  openPipeline: number;
  weightedPipeline: number;
  closedWon: number;
  quota: number | null;
  remaining: number | null;
  ratio: number | null;
  weightedRatio: number | null;
}

/** Quota for a row: the line's target; for `all` the total target if set, else the sum of line targets; none → null. */
export function quotaFor(defs: Definitions, serviceLine: string, period: string): number | null {
  const inPeriod = defs.targets.filter((t) => t.fiscalQuarter === period);
  const own = inPeriod.find((t) => t.serviceLine === serviceLine);
  if (own) return own.amount;
  if (serviceLine !== "all") return null;
  const lines = inPeriod.filter((t) => t.serviceLine !== "all");
  return lines.length > 0 ? lines.reduce((sum, t) => sum + t.amount, 0) : null;
}

/** The three sums of coverage, before quota: what SQL can add up without the deals' history. */
export interface CoverageSums {
  openPipeline: number;
  weightedPipeline: number;
  closedWon: number;
}

/**
 * Pipeline coverage for the fiscal quarter containing the last day of W, deals read as of
 * min(T, end of W). A missing amount counts 0; a missing probability weights 0.
 */
export function coverageOf(
  deals: readonly DealFactRow[],
  defs: Definitions,
  window: ReviewWindow,
  serviceLine: string,
): Coverage {
  const quarter = coveragePeriod(defs, window);
  const counted = deals
    .map((fact) => ({ id: fact.deal.id, ...coverageBucket(fact, window, quarter) }))
    .filter((c) => c.bucket !== null);
  const sums: CoverageSums = { openPipeline: 0, weightedPipeline: 0, closedWon: 0 };
  for (const { bucket, state } of inDealIdOrder(counted)) {
    const amount = state.amount ?? 0;
    if (bucket === "open") {
      sums.openPipeline += amount;
      sums.weightedPipeline += amount * (state.probability ?? 0);
    } else {
      sums.closedWon += amount;
    }
  }
  return coverageFromSums(sums, defs, window, serviceLine);
}

/** Coverage from its sums (added in deal id order): quota, remaining and the ratios of spec §4. */
export function coverageFromSums(
  sums: CoverageSums,
  defs: Definitions,
  window: ReviewWindow,
  serviceLine: string,
): Coverage {
  const quarter = coveragePeriod(defs, window);
  const { openPipeline, weightedPipeline, closedWon } = sums;
  const quota = quotaFor(defs, serviceLine, quarter.key);
  const remaining = quota === null ? null : quota - closedWon;
  const divisible = remaining !== null && remaining > 0;
  return {
    period: quarter.key,
    periodStart: quarter.start,
    periodEnd: quarter.end,
    openPipeline,
    weightedPipeline,
    closedWon,
    quota,
    remaining,
    ratio: divisible ? openPipeline / remaining : null,
    weightedRatio: divisible ? weightedPipeline / remaining : null,
  };
}

/** P: the fiscal quarter containing the last day of W. */
export function coveragePeriod(defs: Definitions, window: ReviewWindow): FiscalQuarter {
  return fiscalQuarterOf(new Date(window.end.getTime() - 1), defs.timezone, defs.fiscalYearStartMonth);
}

/** Which coverage sum a deal falls in as of min(T, end of W): open pipeline, closed won in P, or neither. */
export function coverageBucket(
  fact: DealFactRow,
  window: ReviewWindow,
  quarter: FiscalQuarter,
): { bucket: "open" | "closed_won" | null; state: DealState } {
  const state = dealStateAt(fact.deal, fact.transitions, window.cutoff);
  const inPeriod =
    state.closeDate !== null && state.closeDate >= quarter.startDate && state.closeDate < quarter.endDate;
  if (!state.exists || state.stage === null || !inPeriod) return { bucket: null, state };
  if (OPEN_DEAL_STAGES.includes(state.stage)) return { bucket: "open", state };
  return { bucket: state.stage === "closed_won" ? "closed_won" : null, state };
}
