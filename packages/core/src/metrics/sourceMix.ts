import { dealStateAt } from "../deals/state.ts";
import type { SourceCategory } from "../model.ts";
import type { DealFactRow } from "./facts.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface SourceShare {
  count: number;
  amount: number;
}

export type SourceMix = Record<SourceCategory, SourceShare>;

/** Pipeline created in W (deals created in W by T) per source category: count and amount as of min(T, end of W). */
export function sourceMixOf(deals: readonly DealFactRow[], window: ReviewWindow): SourceMix {
  const mix: SourceMix = {
    marketing: { count: 0, amount: 0 },
    sales: { count: 0, amount: 0 },
    partner: { count: 0, amount: 0 },
    other: { count: 0, amount: 0 },
  };
  for (const fact of deals) {
    if (!inWindow(window, fact.deal.createdAt)) continue;
    const share = mix[fact.sourceCategory];
    share.count++;
    share.amount += dealStateAt(fact.deal, fact.transitions, window.cutoff).amount ?? 0;
  }
  return mix;
}
