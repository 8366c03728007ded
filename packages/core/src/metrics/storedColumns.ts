import { addBusinessMinutes, businessMinutesBetween } from "../calendar/business.ts";
import type { MqlCycleFact } from "../cycles/mqlCycles.ts";
import type { Definitions } from "../definitions/types.ts";
import { calendarFor, matchingRule } from "../sla/rules.ts";
import { minutesBetween } from "../time/zone.ts";
import type { DealFactRow, Segment, SpanFactRow } from "./facts.ts";
import { isDealClose } from "./winRate.ts";

/** asOf-independent response figures of a cycle, for storing beside it (the review applies T on top). */
export interface CycleResponseFacts {
  /** First touch − start, wall clock; null when never touched in the cycle. */
  responseMinutes: number | null;
  /** Same in business minutes of the matching first_touch rule's calendar (default calendar if none). */
  responseBusinessMinutes: number | null;
  slaRuleKey: string | null;
  slaTargetMinutes: number | null;
  /** start + target in business time; null when no first_touch rule matches. */
  slaDeadlineAt: Date | null;
}

export function cycleResponseFacts(cycle: MqlCycleFact & Segment, defs: Definitions): CycleResponseFacts {
  const rule = matchingRule(defs, "first_touch", cycle);
  const calendar = calendarFor(defs, rule?.calendarKey ?? null);
  const touch = cycle.firstTouchAt;
  return {
    responseMinutes: touch ? minutesBetween(cycle.startAt, touch) : null,
    responseBusinessMinutes: touch ? businessMinutesBetween(calendar, cycle.startAt, touch) : null,
    slaRuleKey: rule?.key ?? null,
    slaTargetMinutes: rule?.targetMinutes ?? null,
    slaDeadlineAt: rule ? addBusinessMinutes(calendar, cycle.startAt, rule.targetMinutes) : null,
  };
}

/**
 * When an open span becomes stalled: enteredAt + the matching stage_max_age target in
 * business time. Velocity counts a span stalled at T when its age exceeds the target,
 * i.e. when T > stallDeadlineAt.
 */
export function spanStallFacts(
  span: SpanFactRow,
  defs: Definitions,
): { stallRuleKey: string | null; stallDeadlineAt: Date | null } {
  const rule = matchingRule(defs, "stage_max_age", span, span.stage);
  if (!rule) return { stallRuleKey: null, stallDeadlineAt: null };
  return {
    stallRuleKey: rule.key,
    stallDeadlineAt: addBusinessMinutes(calendarFor(defs, rule.calendarKey), span.enteredAt, rule.targetMinutes),
  };
}

/** Scalar columns that let a query pre-select the deals a week can need. */
export function dealCloseFacts(fact: DealFactRow): {
  firstClosedAt: Date | null;
  lastClosedAt: Date | null;
  closeDateMin: string | null;
  closeDateMax: string | null;
} {
  const closes = fact.transitions.filter(isDealClose).map((t) => t.at);
  const dates = fact.deal.closeDateChanges
    .map((c) => c.value)
    .filter((v): v is string => v !== null)
    .sort();
  return {
    firstClosedAt: closes.reduce<Date | null>((min, d) => (min === null || d < min ? d : min), null),
    lastClosedAt: closes.reduce<Date | null>((max, d) => (max === null || d > max ? d : max), null),
    closeDateMin: dates[0] ?? null,
    closeDateMax: dates[dates.length - 1] ?? null,
  };
}
