import type { DealState } from "../deals/state.ts";
import { dealStateAt } from "../deals/state.ts";
import type { Definitions } from "../definitions/types.ts";
import { OPEN_DEAL_STAGES } from "../stages/order.ts";
import type { FiscalQuarter } from "../time/fiscal.ts";
import { fiscalQuarterOf } from "../time/fiscal.ts";
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
  let openPipeline = 0;
  let weightedPipeline = 0;
  let closedWon = 0;
  for (const fact of deals) {
    const { bucket, state } = coverageBucket(fact, window, quarter);
    const amount = state.amount ?? 0;
    if (bucket === "open") {
      openPipeline += amount;
      weightedPipeline += amount * (state.probability ?? 0);
    } else if (bucket === "closed_won") {
      closedWon += amount;
    }
  }
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
