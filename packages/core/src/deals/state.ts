import type { CanonicalStage, DealRecord, Transition } from "../model.ts";

export interface DealState {
  exists: boolean;
  /** Canonical stage as of T (null when the CRM value is unmapped). */
  stage: CanonicalStage | null;
  crmStageValue: string | null;
  amount: number | null;
  /** `YYYY-MM-DD`. */
  closeDate: string | null;
  /** Probability of the CRM stage value, 0..1, from the CRM configuration as synced. */
  probability: number | null;
}

/**
 * Latest value with `at <= T` (ties: the later entry); an entry dated before `floor` (the
 * creation) counts as made at `floor`, i.e. it is the created-with value. No allocation: the
 * review calls this for every deal of a quarter, per line and week.
 */
function valueAt<V>(changes: readonly { value: V; at: Date }[], asOf: number, fallback: V, floor: number): V {
  let found = false;
  let bestAt = 0;
  let best = fallback;
  for (const change of changes) {
    const at = Math.max(change.at.getTime(), floor);
    if (at <= asOf && (!found || at >= bestAt)) {
      found = true;
      bestAt = at;
      best = change.value;
    }
  }
  return best;
}

/** The canonical stage of the latest transition with `at <= T` (ties: the later one); null before any. */
function stageAt(transitions: readonly Transition[], asOf: number): CanonicalStage | null {
  let found = false;
  let bestAt = 0;
  let best: CanonicalStage | null = null;
  for (const transition of transitions) {
    const at = transition.at.getTime();
    if (at <= asOf && (!found || at >= bestAt)) {
      found = true;
      bestAt = at;
      best = transition.stage;
    }
  }
  return best;
}

/**
 * Point-in-time state of a deal from its history; a deal created after T does not exist
 * (returns `{ exists: false, ... }` with nulls). `transitions` are the deal's own derived
 * transitions (unmapped CRM values make none, so `stage` can lag `crmStageValue`).
 */
export function dealStateAt(deal: DealRecord, transitions: readonly Transition[], asOf: Date): DealState {
  const t = asOf.getTime();
  if (deal.createdAt.getTime() > t) {
    return { exists: false, stage: null, crmStageValue: null, amount: null, closeDate: null, probability: null };
  }
  const created = deal.createdAt.getTime();
  const crmStageValue = valueAt<string | null>(deal.stageChanges, t, null, created);
  const stage = stageAt(transitions, t);
  const probability = crmStageValue === null ? null : (deal.probabilityByStage[crmStageValue] ?? null);
  return {
    exists: true,
    stage,
    crmStageValue,
    amount: valueAt(deal.amountChanges, t, null, created),
    closeDate: valueAt(deal.closeDateChanges, t, null, created),
    probability,
  };
}
