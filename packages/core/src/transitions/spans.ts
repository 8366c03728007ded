import type { CanonicalStage, Transition } from "../model.ts";

export interface StageSpan {
  stage: CanonicalStage;
  enteredAt: Date;
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
    spans.push(
      t.via
        ? { stage: t.stage, enteredAt: t.at, leftAt: null, via: t.via }
        : { stage: t.stage, enteredAt: t.at, leftAt: null },
    );
  }
  return spans;
}
