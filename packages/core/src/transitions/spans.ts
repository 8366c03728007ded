import type { CanonicalStage, Provenance, Transition } from "../model.ts";

export interface StageSpan {
  stage: CanonicalStage;
  enteredAt: Date;
  /** Provenance of the entering transition. */
  provenance: Provenance;
  /** The next transition to a different stage; null while still in the stage. */
  leftAt: Date | null;
  /** The deal that carried a lead into this stage, if any. */
  via?: string;
}

/** Time in stage: one span per stage actually entered, ending at the next transition to a different stage. */
export function stageSpans(transitions: readonly Transition[]): StageSpan[] {
  const ordered = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const spans: StageSpan[] = [];
  for (const t of ordered) {
    const last = spans[spans.length - 1];
    if (last && last.stage === t.stage) continue;
    if (last) last.leftAt = t.at;
    const span: StageSpan = { stage: t.stage, enteredAt: t.at, provenance: t.provenance, leftAt: null };
    spans.push(t.via ? { ...span, via: t.via } : span);
  }
  return spans;
}
