import { dealStateAt } from "../deals/state.ts";
import type { Transition } from "../model.ts";
import { inDealIdOrder } from "./dealOrder.ts";
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
  const closes = deals
    .map((fact) => ({ id: fact.deal.id, fact, close: closeInWindow(fact, window) }))
    .filter((c): c is typeof c & { close: Transition } => c.close !== null);
  const sums: WinRateSums = { won: 0, lost: 0, wonAmount: 0, lostAmount: 0 };
  for (const { fact, close } of inDealIdOrder(closes)) {
    const amount = dealStateAt(fact.deal, fact.transitions, close.at).amount ?? 0;
    if (close.stage === "closed_won") {
      sums.won++;
      sums.wonAmount += amount;
    } else {
      sums.lost++;
      sums.lostAmount += amount;
    }
  }
  return winRateFromSums(sums);
}

/** Counts and amounts of the closes in W (amounts added in deal id order). */
export type WinRateSums = Pick<WinRate, "won" | "lost" | "wonAmount" | "lostAmount">;

export function winRateFromSums(sums: WinRateSums): WinRate {
  const { won, lost, wonAmount, lostAmount } = sums;
  return {
    won,
    lost,
    wonAmount,
    lostAmount,
    rate: rate(won, won + lost),
    amountRate: rate(wonAmount, wonAmount + lostAmount),
  };
}

/** An entry into closed_won or closed_lost: what win rate counts, and what picks the deals a week can need. */
export function isDealClose(
  transition: Transition,
): transition is Transition & { stage: "closed_won" | "closed_lost" } {
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
