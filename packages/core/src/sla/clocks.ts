import { addBusinessMinutes } from "../calendar/business.ts";
import type { MqlCycleFact } from "../cycles/mqlCycles.ts";
import type { Definitions, SlaRule } from "../definitions/types.ts";
import type { Segment } from "../metrics/facts.ts";
import type { Transition } from "../model.ts";
import { isDealStage, stagesAtOrAfter } from "../stages/order.ts";
import { stageSpans } from "../transitions/spans.ts";
import { calendarFor, ruleMatches } from "./rules.ts";

/** What the clocks of one entity are computed from (facts already derived and stored). */
export interface SlaEntityFacts extends Segment {
  entityId: string;
  entityKind: "lead" | "deal";
  transitions: Transition[];
  /** MQL cycles of a lead (first_touch clocks); empty for deals. */
  cycles: MqlCycleFact[];
}

/** One SLA clock of (rule, entity, cycle); `cycleIndex` numbers the rule's start events for the entity. */
export interface SlaClock {
  ruleKey: string;
  entityKind: "lead" | "deal";
  entityId: string;
  cycleIndex: number;
  startAt: Date;
  deadlineAt: Date;
  atRiskAt: Date;
  escalateAt: Date | null;
  stoppedAt: Date | null;
}

interface Run {
  cycleIndex: number;
  startAt: Date;
  stoppedAt: Date | null;
}

function earliest(...dates: Array<Date | null>): Date | null {
  return dates.reduce<Date | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);
}

/** first_touch: one run per MQL cycle, stopped by the first touch, or by the next handoff. */
function firstTouchRuns(facts: SlaEntityFacts): Run[] {
  return facts.cycles.map((c) => ({
    cycleIndex: c.index,
    startAt: c.startAt,
    stoppedAt: earliest(c.firstTouchAt, c.endAt),
  }));
}

/**
 * acceptance / stage_to_stage: one run per entry into the start stage, stopped by the first
 * reach of a stop stage (or a later stage of its path) before the next entry, else by the next entry.
 */
function reachRuns(rule: SlaRule, facts: SlaEntityFacts): Run[] {
  const ordered = [...facts.transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const starts = ordered
    .filter((t, i) => t.stage === rule.startStage && ordered[i - 1]?.stage !== t.stage)
    .map((t) => t.at);
  const stopStages = new Set(rule.stopStages.flatMap((s) => stagesAtOrAfter(s)));
  return starts.map((startAt, cycleIndex) => {
    const next = starts[cycleIndex + 1] ?? null;
    const stop = ordered.find((t) => stopStages.has(t.stage) && t.at >= startAt && (next === null || t.at < next));
    return { cycleIndex, startAt, stoppedAt: stop?.at ?? next };
  });
}

/** stage_max_age: one run per time in the start stage, stopped on leaving it. */
function stageAgeRuns(rule: SlaRule, facts: SlaEntityFacts): Run[] {
  return stageSpans(facts.transitions)
    .filter((s) => s.stage === rule.startStage)
    .map((s, cycleIndex) => ({ cycleIndex, startAt: s.enteredAt, stoppedAt: s.leftAt }));
}

/**
 * Clocks of one rule for one entity. Lead-path rules run on leads and deal-stage rules on
 * deals (first_touch and acceptance only on leads), so a converted lead is not alerted twice.
 * The escalation time is `escalateAfterMinutes` business minutes after the deadline.
 */
export function slaClocks(rule: SlaRule, facts: SlaEntityFacts, defs: Definitions): SlaClock[] {
  if (!ruleMatches(rule, facts)) return [];
  const wantsDeal = rule.kind !== "first_touch" && rule.kind !== "acceptance" && isDealStage(rule.startStage);
  if ((facts.entityKind === "deal") !== wantsDeal) return [];
  const runs =
    rule.kind === "first_touch"
      ? firstTouchRuns(facts)
      : rule.kind === "stage_max_age"
        ? stageAgeRuns(rule, facts)
        : reachRuns(rule, facts);
  const calendar = calendarFor(defs, rule.calendarKey);
  return runs.map((run) => {
    const deadlineAt = addBusinessMinutes(calendar, run.startAt, rule.targetMinutes);
    return {
      ruleKey: rule.key,
      entityKind: facts.entityKind,
      entityId: facts.entityId,
      cycleIndex: run.cycleIndex,
      startAt: run.startAt,
      deadlineAt,
      atRiskAt: addBusinessMinutes(calendar, run.startAt, rule.targetMinutes * rule.atRiskFraction),
      escalateAt:
        rule.escalateAfterMinutes === null ? null : addBusinessMinutes(calendar, deadlineAt, rule.escalateAfterMinutes),
      stoppedAt: run.stoppedAt,
    };
  });
}

/** Every clock of every rule for the given entities. */
export function allSlaClocks(defs: Definitions, entities: readonly SlaEntityFacts[]): SlaClock[] {
  return defs.slaRules.flatMap((rule) => entities.flatMap((entity) => slaClocks(rule, entity, defs)));
}
