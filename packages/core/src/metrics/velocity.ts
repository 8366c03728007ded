import type { Definitions } from "../definitions/types.ts";
import type { CanonicalStage } from "../model.ts";
import { isDealStage } from "../stages/order.ts";
import type { SpanFactRow } from "./facts.ts";
import { mean, percentileDisc } from "./percentile.ts";
import { spanStallFacts } from "./storedColumns.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface StageVelocity {
  stage: CanonicalStage;
  exits: number;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
  meanDays: number | null;
  openCount: number;
  /** In the stage longer than its stage_max_age target; null when no rule covers the stage. */
  stalled: number | null;
}

/** Terminal stages are never left, so they have no velocity row. */
export const VELOCITY_STAGES: readonly CanonicalStage[] = [
  "lead",
  "mql",
  "sal",
  "sql",
  "recycled",
  "opportunity",
  "proposal",
  "negotiation",
];

const DAY = 86_400_000;

/**
 * Stage velocity: lead stages measured on leads, deal stages on deals (a lead carried
 * into deal stages is not counted twice). Days are wall-clock decimals; a span is stalled
 * when its matching stage_max_age clock is breached at min(T, end of W).
 */
export interface StageMembers {
  /** Spans that ended in W (by T). */
  exits: SpanFactRow[];
  /** Spans open at min(T, end of W). */
  open: SpanFactRow[];
  /** Open spans older than their stage_max_age target; null when no rule covers the stage. */
  stalled: SpanFactRow[] | null;
}

/** The spans behind one stage's velocity figures (also the drill-down). */
export function stageMembers(
  spans: readonly SpanFactRow[],
  defs: Definitions,
  window: ReviewWindow,
  stage: CanonicalStage,
): StageMembers {
  const kind = isDealStage(stage) ? "deal" : "lead";
  const inStage = spans.filter((s) => s.stage === stage && s.entityKind === kind);
  const at = window.cutoff;
  const open = inStage.filter((s) => s.enteredAt <= at && (s.leftAt === null || s.leftAt > at));
  const hasRule = defs.slaRules.some((r) => r.kind === "stage_max_age" && r.startStage === stage);
  // Stalled exactly when the span's stage_max_age clock is breached, so dashboard and alerts agree.
  const stalled = hasRule
    ? open.filter((s) => {
        const deadline = spanStallFacts(s, defs).stallDeadlineAt;
        return deadline !== null && at >= deadline;
      })
    : null;
  return { exits: inStage.filter((s) => inWindow(window, s.leftAt)), open, stalled };
}

export function velocityOf(spans: readonly SpanFactRow[], defs: Definitions, window: ReviewWindow): StageVelocity[] {
  return VELOCITY_STAGES.map((stage) => {
    const members = stageMembers(spans, defs, window, stage);
    const days = members.exits.map((s) => ((s.leftAt as Date).getTime() - s.enteredAt.getTime()) / DAY);
    return {
      stage,
      exits: days.length,
      medianDays: percentileDisc(days, 0.5),
      p75Days: percentileDisc(days, 0.75),
      p90Days: percentileDisc(days, 0.9),
      meanDays: mean(days),
      openCount: members.open.length,
      stalled: members.stalled === null ? null : members.stalled.length,
    };
  });
}
