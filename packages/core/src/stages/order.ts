import type { CanonicalStage, DealStage, LeadStage } from "../model.ts";

export const LEAD_STAGES: readonly LeadStage[] = ["lead", "mql", "sal", "sql", "recycled"];
export const DEAL_STAGES: readonly DealStage[] = [
  "opportunity",
  "proposal",
  "negotiation",
  "closed_won",
  "closed_lost",
];
export const CANONICAL_STAGES: readonly CanonicalStage[] = [...LEAD_STAGES, ...DEAL_STAGES];

/** A lead continues into the deal stages, so its ordered path runs up to closed_won. */
export const LEAD_PATH: readonly CanonicalStage[] = [
  "lead",
  "mql",
  "sal",
  "sql",
  "opportunity",
  "proposal",
  "negotiation",
  "closed_won",
];
export const DEAL_PATH: readonly CanonicalStage[] = ["opportunity", "proposal", "negotiation", "closed_won"];
export const OPEN_DEAL_STAGES: readonly CanonicalStage[] = ["opportunity", "proposal", "negotiation"];

export function isCanonicalStage(value: unknown): value is CanonicalStage {
  return typeof value === "string" && (CANONICAL_STAGES as readonly string[]).includes(value);
}

export function isDealStage(stage: CanonicalStage): stage is DealStage {
  return (DEAL_STAGES as readonly string[]).includes(stage);
}

/**
 * Stages whose entry counts as reaching `stage`: itself and every later stage of the
 * ordered path (the lead path is a superset of the deal path, so one list serves both).
 * `recycled` and `closed_lost` are off-path: only entering them counts.
 */
export function stagesAtOrAfter(stage: CanonicalStage): readonly CanonicalStage[] {
  const index = LEAD_PATH.indexOf(stage);
  return index < 0 ? [stage] : LEAD_PATH.slice(index);
}
