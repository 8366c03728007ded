import type { CanonicalStage, Transition } from "../model.ts";
import { stagesAtOrAfter } from "../stages/order.ts";

export interface ReachOptions {
  /** Only transitions at or after this instant count. */
  from?: Date;
  /** Only transitions strictly before this instant count (e.g. the next cycle start). */
  before?: Date | null;
  /** Only transitions at or before this instant count (the review's asOf). */
  asOf?: Date;
}

/**
 * Earliest time the entity entered `stage` or any later stage of the same ordered path
 * (skipped stages are reached at the jump); `recycled` and `closed_lost` only by entering them.
 */
export function reachedAt(
  transitions: readonly Transition[],
  stage: CanonicalStage,
  opts: ReachOptions = {},
): Date | null {
  const accepted = stagesAtOrAfter(stage);
  let earliest: Date | null = null;
  for (const t of transitions) {
    const at = t.at.getTime();
    if (!accepted.includes(t.stage)) continue;
    if (opts.from && at < opts.from.getTime()) continue;
    if (opts.before && at >= opts.before.getTime()) continue;
    if (opts.asOf && at > opts.asOf.getTime()) continue;
    if (earliest === null || at < earliest.getTime()) earliest = t.at;
  }
  return earliest;
}
