import { addBusinessMinutes, businessMinutesBetween } from "../calendar/business.ts";
import { firstTouchAsOf } from "../cycles/mqlCycles.ts";
import type { Definitions } from "../definitions/types.ts";
import { calendarFor, matchingRule } from "../sla/rules.ts";
import { minutesBetween } from "../time/zone.ts";
import type { CycleFactRow } from "./facts.ts";
import { percentileDisc, rate } from "./percentile.ts";
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

/**
 * Lead response time over MQL cycles started in W (by T). Business minutes use the
 * matching first_touch rule's calendar; a cycle no rule matches is counted in
 * mqls/responded/durations (on the workspace default calendar) but in none of
 * withinSla/breached/pending, since it has no target.
 */
export function responseTimeOf(cycles: readonly CycleFactRow[], defs: Definitions, window: ReviewWindow): ResponseTime {
  const wall: number[] = [];
  const business: number[] = [];
  let mqls = 0;
  let withinSla = 0;
  let breached = 0;
  let pending = 0;
  for (const cycle of cycles) {
    if (!inWindow(window, cycle.startAt)) continue;
    mqls++;
    const rule = matchingRule(defs, "first_touch", cycle);
    const calendar = calendarFor(defs, rule?.calendarKey ?? null);
    const touchedAt = firstTouchAsOf(cycle, window.asOf);
    if (touchedAt) {
      const minutes = businessMinutesBetween(calendar, cycle.startAt, touchedAt);
      wall.push(minutesBetween(cycle.startAt, touchedAt));
      business.push(minutes);
      if (rule) {
        if (minutes <= rule.targetMinutes) withinSla++;
        else breached++;
      }
    } else if (rule) {
      const deadline = addBusinessMinutes(calendar, cycle.startAt, rule.targetMinutes);
      if (deadline <= window.asOf) breached++;
      else pending++;
    }
  }
  return {
    mqls,
    responded: wall.length,
    medianMinutes: percentileDisc(wall, 0.5),
    p90Minutes: percentileDisc(wall, 0.9),
    medianBusinessMinutes: percentileDisc(business, 0.5),
    p90BusinessMinutes: percentileDisc(business, 0.9),
    withinSla,
    breached,
    pending,
    withinSlaRate: rate(withinSla, withinSla + breached),
  };
}
