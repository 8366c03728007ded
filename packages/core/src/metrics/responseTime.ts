import { firstTouchAsOf } from "../cycles/mqlCycles.ts";
import type { Definitions } from "../definitions/types.ts";
import type { CycleFactRow } from "./facts.ts";
import { percentileDisc, rate } from "./percentile.ts";
import { cycleResponseFacts } from "./storedColumns.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface ResponseTime {
  mqls: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  withinSla: number;
  breached: number;
  pending: number;
  withinSlaRate: number | null;
}

/** How one cycle counts in the response-time figures; `sla` is null when no first_touch rule matches. */
export interface ResponseClassification {
  respondedAt: Date | null;
  wallMinutes: number | null;
  businessMinutes: number | null;
  sla: "within" | "breached" | "pending" | null;
}

/**
 * Business minutes use the matching first_touch rule's calendar; a cycle no rule matches
 * is counted in mqls/responded/durations (on the workspace default calendar) but in none
 * of withinSla/breached/pending, since it has no target.
 */
export function classifyResponse(cycle: CycleFactRow, defs: Definitions, asOf: Date): ResponseClassification {
  const facts = cycleResponseFacts(cycle, defs);
  const respondedAt = firstTouchAsOf(cycle, asOf);
  if (respondedAt) {
    const businessMinutes = facts.responseBusinessMinutes;
    const target = facts.slaTargetMinutes;
    const sla = target === null || businessMinutes === null ? null : businessMinutes <= target ? "within" : "breached";
    return { respondedAt, wallMinutes: facts.responseMinutes, businessMinutes, sla };
  }
  if (facts.slaDeadlineAt === null) return { respondedAt, wallMinutes: null, businessMinutes: null, sla: null };
  return {
    respondedAt,
    wallMinutes: null,
    businessMinutes: null,
    sla: facts.slaDeadlineAt <= asOf ? "breached" : "pending",
  };
}

/** Lead response time over MQL cycles started in W (by T). */
export function responseTimeOf(cycles: readonly CycleFactRow[], defs: Definitions, window: ReviewWindow): ResponseTime {
  const wall: number[] = [];
  const business: number[] = [];
  const sla = { within: 0, breached: 0, pending: 0 };
  let mqls = 0;
  for (const cycle of cycles) {
    if (!inWindow(window, cycle.startAt)) continue;
    mqls++;
    const c = classifyResponse(cycle, defs, window.asOf);
    if (c.wallMinutes !== null && c.businessMinutes !== null) {
      wall.push(c.wallMinutes);
      business.push(c.businessMinutes);
    }
    if (c.sla) sla[c.sla]++;
  }
  return {
    mqls,
    responded: wall.length,
    medianMinutes: percentileDisc(wall, 0.5),
    p90Minutes: percentileDisc(wall, 0.9),
    medianBusinessMinutes: percentileDisc(business, 0.5),
    p90BusinessMinutes: percentileDisc(business, 0.9),
    withinSla: sla.within,
    breached: sla.breached,
    pending: sla.pending,
    withinSlaRate: rate(sla.within, sla.within + sla.breached),
  };
}
