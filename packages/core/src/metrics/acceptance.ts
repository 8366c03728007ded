import { cycleOutcomeAsOf, decidedAtAsOf } from "../cycles/mqlCycles.ts";
import type { CycleFactRow } from "./facts.ts";
import { percentileDisc, rate } from "./percentile.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface Acceptance {
  accepted: number;
  rejected: number;
  pending: number;
  rate: number | null;
  medianHoursToDecision: number | null;
}

/** Lead acceptance over MQL cycles started in W, outcome as of T; hours are wall-clock. */
export function acceptanceOf(cycles: readonly CycleFactRow[], window: ReviewWindow): Acceptance {
  const counts = { accepted: 0, rejected: 0, pending: 0 };
  const hours: number[] = [];
  for (const cycle of cycles) {
    if (!inWindow(window, cycle.startAt)) continue;
    counts[cycleOutcomeAsOf(cycle, window.asOf)]++;
    const decidedAt = decidedAtAsOf(cycle, window.asOf);
    if (decidedAt) hours.push((decidedAt.getTime() - cycle.startAt.getTime()) / 3_600_000);
  }
  return {
    ...counts,
    rate: rate(counts.accepted, counts.accepted + counts.rejected),
    medianHoursToDecision: percentileDisc(hours, 0.5),
  };
}
