/** Nearest-rank percentile (Postgres percentile_disc): the value at 1-based position ceil(p·n) of the sorted values; empty → null. */
export function percentileDisc(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function median(values: readonly number[]): number | null {
  return percentileDisc(values, 0.5);
}

/**
 * Arithmetic mean; empty → null. Added in ascending order, so it does not depend on the order of
 * the values (float addition is not associative) and equals SQL's `sum(x order by x) / count(*)`.
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return [...values].sort((a, b) => a - b).reduce((sum, v) => sum + v, 0) / values.length;
}

/** numerator / denominator, null when the population is empty. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
