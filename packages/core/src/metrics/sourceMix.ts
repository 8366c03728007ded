import { dealStateAt } from "../deals/state.ts";
import type { SourceCategory } from "../model.ts";
import { inDealIdOrder } from "./dealOrder.ts";
import type { DealFactRow } from "./facts.ts";
import type { ReviewWindow } from "./window.ts";
import { inWindow } from "./window.ts";

export interface SourceShare {
  count: number;
  amount: number;
}

export type SourceMix = Record<SourceCategory, SourceShare>;

/**
 * Pipeline created in W (deals created in W by T) per source category: count and amount as of
 * min(T, end of W), amounts added in deal id order (see `inDealIdOrder`).
 */
export function sourceMixOf(deals: readonly DealFactRow[], window: ReviewWindow): SourceMix {
  const mix = emptySourceMix();
  const created = deals
    .filter((fact) => inWindow(window, fact.deal.createdAt))
    .map((fact) => ({ id: fact.deal.id, fact }));
  for (const { fact } of inDealIdOrder(created)) {
    const share = mix[fact.sourceCategory];
    share.count++;
    share.amount += dealStateAt(fact.deal, fact.transitions, window.cutoff).amount ?? 0;
  }
  return mix;
}

/** The source mix from per-category sums (counted in SQL, amounts added in deal id order). */
export function sourceMixFromSums(
  sums: ReadonlyArray<{ sourceCategory: string; count: number; amount: number }>,
): SourceMix {
  const mix = emptySourceMix();
  for (const { sourceCategory, count, amount } of sums) {
    if (!Object.hasOwn(mix, sourceCategory)) throw new Error(`Unknown source category "${sourceCategory}"`);
    mix[sourceCategory as SourceCategory] = { count, amount };
  }
  return mix;
}

function emptySourceMix(): SourceMix {
  return {
    marketing: { count: 0, amount: 0 },
    sales: { count: 0, amount: 0 },
    partner: { count: 0, amount: 0 },
    other: { count: 0, amount: 0 },
  };
}
