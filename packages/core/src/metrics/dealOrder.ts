/**
 * Deal contributions in ascending deal id order. Money sums are floats, whose last digits
 * depend on the order of the additions: summing in one fixed order makes a figure independent
 * of the order rows were read in, and equal to SQL's `sum(x order by deal_id)` (uuids compare
 * like their lowercase text).
 */
export function inDealIdOrder<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
