import type { Activity, Provenance, Transition } from "../model.ts";
import { reachedAt } from "../transitions/reached.ts";
import { isSalesTouch } from "./firstTouch.ts";

export interface MqlCycleFact {
  /** 0-based, in time order. */
  index: number;
  startAt: Date;
  /** Provenance of the transition into mql that started the cycle (shown beside the numbers). */
  provenance: Provenance;
  /** The next transition into mql, or null. */
  endAt: Date | null;
  firstTouchAt: Date | null;
  firstTouchActivityId: string | null;
  /** First reach of sal or later inside the cycle. */
  acceptedAt: Date | null;
  /** First entry into recycled inside the cycle. */
  rejectedAt: Date | null;
  reachedAt: { sal: Date | null; sql: Date | null; opportunity: Date | null; closed_won: Date | null };
}

/**
 * MQL cycles of one lead, asOf-independent. Every transition into mql starts a cycle that
 * ends at the next one. First touch, acceptance, rejection and funnel reach all count only
 * inside [startAt, endAt): a later cycle's progress (or touch) belongs to that cycle.
 */
export function mqlCycles(transitions: readonly Transition[], activities: readonly Activity[]): MqlCycleFact[] {
  const ordered = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const mqlEntries = ordered.filter((t) => t.stage === "mql");
  const starts = mqlEntries.map((t) => t.at);
  const entityId = ordered[0]?.entityId;
  const touches = activities
    .filter((a) => a.leadId === entityId && isSalesTouch(a))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return starts.map((startAt, index) => {
    const endAt = starts[index + 1] ?? null;
    const window = { from: startAt, before: endAt };
    const inCycle = (at: Date) => at >= startAt && (endAt === null || at < endAt);
    const touch = touches.find((a) => inCycle(a.at)) ?? null;
    const rejected = ordered.find((t) => t.stage === "recycled" && inCycle(t.at)) ?? null;
    const sal = reachedAt(ordered, "sal", window);
    return {
      index,
      startAt,
      provenance: mqlEntries[index]?.provenance ?? "observed",
      endAt,
      firstTouchAt: touch?.at ?? null,
      firstTouchActivityId: touch?.id ?? null,
      acceptedAt: sal,
      rejectedAt: rejected?.at ?? null,
      reachedAt: {
        sal,
        sql: reachedAt(ordered, "sql", window),
        opportunity: reachedAt(ordered, "opportunity", window),
        closed_won: reachedAt(ordered, "closed_won", window),
      },
    };
  });
}

export type CycleOutcome = "accepted" | "rejected" | "pending";

/** Outcome as of T: whichever of acceptance and rejection happened first by T; else pending. */
export function cycleOutcomeAsOf(cycle: MqlCycleFact, asOf: Date): CycleOutcome {
  const accepted = cycle.acceptedAt && cycle.acceptedAt <= asOf ? cycle.acceptedAt : null;
  const rejected = cycle.rejectedAt && cycle.rejectedAt <= asOf ? cycle.rejectedAt : null;
  if (accepted && (!rejected || accepted <= rejected)) return "accepted";
  if (rejected) return "rejected";
  return "pending";
}

/** When the cycle was decided as of T (the deciding event's time), or null while pending. */
export function decidedAtAsOf(cycle: MqlCycleFact, asOf: Date): Date | null {
  const outcome = cycleOutcomeAsOf(cycle, asOf);
  if (outcome === "accepted") return cycle.acceptedAt;
  if (outcome === "rejected") return cycle.rejectedAt;
  return null;
}

/** First touch as of T, or null. */
export function firstTouchAsOf(cycle: MqlCycleFact, asOf: Date): Date | null {
  return cycle.firstTouchAt && cycle.firstTouchAt <= asOf ? cycle.firstTouchAt : null;
}
