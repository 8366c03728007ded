import { isDealClose } from "../metrics/winRate.ts";
import type { DealRecord, Transition } from "../model.ts";
import type { DealState } from "./state.ts";
import { dealStateAt } from "./state.ts";

/** What `dealStateAt` gives for every T with `from <= T < to` (`to` null: up to now and later). */
export interface DealStateSpan extends Omit<DealState, "exists" | "crmStageValue"> {
  from: Date;
  to: Date | null;
}

/** An entry into closed_won or closed_lost, with the deal's amount as of that instant. */
export interface DealClose {
  at: Date;
  stage: "closed_won" | "closed_lost";
  /** Position among the deal's transitions: ties on `at` go to the later one (as `closeInWindow`). */
  order: number;
  amount: number | null;
}

const sameState = (a: DealStateSpan, b: DealStateSpan) =>
  a.stage === b.stage && a.amount === b.amount && a.closeDate === b.closeDate && a.probability === b.probability;

/**
 * The deal's point-in-time state as consecutive spans from its creation: stored beside the
 * facts so SQL can read any deal's state at any cutoff without the history (coverage, source
 * mix). The state only changes at the creation or at a change's instant (an earlier change
 * counts at the creation), so it is evaluated there with `dealStateAt` itself; equal
 * neighbours are merged. Before the first span the deal does not exist.
 */
export function dealStateSpans(deal: DealRecord, transitions: readonly Transition[]): DealStateSpan[] {
  const created = deal.createdAt.getTime();
  const instants = new Set<number>([created]);
  for (const list of [deal.stageChanges, deal.amountChanges, deal.closeDateChanges, transitions]) {
    for (const change of list) instants.add(Math.max(change.at.getTime(), created));
  }
  const sorted = [...instants].sort((a, b) => a - b);
  const spans: DealStateSpan[] = [];
  sorted.forEach((at, i) => {
    const next = sorted[i + 1];
    const { stage, amount, closeDate, probability } = dealStateAt(deal, transitions, new Date(at));
    const span = {
      from: new Date(at),
      to: next === undefined ? null : new Date(next),
      stage,
      amount,
      closeDate,
      probability,
    };
    const last = spans.at(-1);
    if (last && sameState(last, span)) last.to = span.to;
    else spans.push(span);
  });
  return spans;
}

/** Every close of the deal (what win rate counts), with the amount read as of the close. */
export function dealCloses(deal: DealRecord, transitions: readonly Transition[]): DealClose[] {
  const closes: DealClose[] = [];
  transitions.forEach((t, order) => {
    if (!isDealClose(t)) return;
    closes.push({ at: t.at, stage: t.stage, order, amount: dealStateAt(deal, transitions, t.at).amount });
  });
  return closes;
}
