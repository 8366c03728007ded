import { dealStateAt } from "../deals/state.ts";
import type { Transition } from "../model.ts";
import type { DealFactRow } from "./facts.ts";
import { rate } from "./percentile.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface WinRate {
  won: number;
  lost: number;
  rate: number | null;
  wonAmount: number;
  lostAmount: number;
  amountRate: number | null;
}

/**
 * Deals that entered closed_won or closed_lost in W (by T); a deal closing twice in W
 * counts once, with its last close. Amount is read as of the close (missing = 0).
 */
export function winRateOf(deals: readonly DealFactRow[], window: ReviewWindow): WinRate {
  const result = { won: 0, lost: 0, wonAmount: 0, lostAmount: 0 };
  for (const fact of deals) {
    const close = closeInWindow(fact, window);
    if (!close) continue;
    const amount = dealStateAt(fact.deal, fact.transitions, close.at).amount ?? 0;
    if (close.stage === "closed_won") {
      result.won++;
      result.wonAmount += amount;
    } else {
      result.lost++;
      result.lostAmount += amount;
    }
  }
  return {
    ...result,
    rate: rate(result.won, result.won + result.lost),
    amountRate: rate(result.wonAmount, result.wonAmount + result.lostAmount),
  };
}

/** An entry into closed_won or closed_lost: what win rate counts, and what picks the deals a week can need. */
export function isDealClose(transition: Transition): boolean {
  return transition.stage === "closed_won" || transition.stage === "closed_lost";
}

/** The deal's last entry into closed_won / closed_lost in W (by T), or null. */
export function closeInWindow(fact: DealFactRow, window: ReviewWindow): Transition | null {
  let close: Transition | null = null;
  for (const t of fact.transitions) {
    if (isDealClose(t) && inWindow(window, t.at)) {
      if (close === null || t.at >= close.at) close = t;
    }
  }
  return close;
}
