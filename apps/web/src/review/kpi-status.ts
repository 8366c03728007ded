// Red/amber/green of each KPI. The spec defines the numbers, not the thresholds, so these are the
// dashboard's documented defaults (shown next to each card as its target).

export type KpiState = "green" | "amber" | "red" | "none";

export interface KpiTarget {
  /** What the card says the target is, e.g. "≥ 90% within SLA". */
  label: string;
  state: (value: number | null) => KpiState;
}

const atLeast = (green: number, amber: number) => (value: number | null) =>
  value == null ? "none" : value >= green ? "green" : value >= amber ? "amber" : "red";

export const responseTarget: KpiTarget = { label: "≥ 90% within SLA (amber ≥ 75%)", state: atLeast(0.9, 0.75) };
export const acceptanceTarget: KpiTarget = { label: "≥ 60% accepted (amber ≥ 40%)", state: atLeast(0.6, 0.4) };
export const winRateTarget: KpiTarget = { label: "≥ 30% won (amber ≥ 20%)", state: atLeast(0.3, 0.2) };

/** Coverage: 3× the remaining quota is the rule of thumb (amber from 2×). */
const coverageMultiple = 3;
export const coverageTarget: KpiTarget = {
  label: `≥ ${coverageMultiple}× remaining quota (amber ≥ 2×)`,
  state: atLeast(coverageMultiple, 2),
};

export const stateText: Record<KpiState, string> = {
  green: "On target",
  amber: "Watch",
  red: "Off target",
  none: "No data",
};

export const stateIcon: Record<KpiState, string> = { green: "✓", amber: "!", red: "✕", none: "–" };
