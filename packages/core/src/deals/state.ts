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

/** Latest value with `at <= T`; an entry dated before creation is the created-with value. */
function valueAt<V>(changes: readonly { value: V; at: Date }[], asOf: number, fallback: V): V {
  let best: { value: V; at: number } | null = null;
  for (const change of changes) {
    const at = change.at.getTime();
    if (at <= asOf && (best === null || at >= best.at)) best = { value: change.value, at };
  }
  return best ? best.value : fallback;
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
  const clamp = <V>(changes: readonly { value: V; at: Date }[]) =>
    changes.map((c) => ({ value: c.value, at: new Date(Math.max(c.at.getTime(), created)) }));
  const crmStageValue = valueAt(clamp(deal.stageChanges), t, null as string | null);
  const stage = valueAt(
    transitions.map((tr) => ({ value: tr.stage as CanonicalStage | null, at: tr.at })),
    t,
    null,
  );
  const probability = crmStageValue === null ? null : (deal.probabilityByStage[crmStageValue] ?? null);
  return {
    exists: true,
    stage,
    crmStageValue,
    amount: valueAt(clamp(deal.amountChanges), t, null),
    closeDate: valueAt(clamp(deal.closeDateChanges), t, null),
    probability,
  };
}
