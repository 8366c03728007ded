import { VELOCITY_STAGES } from "@revops/core";
import { badRequest } from "../../errors.ts";

/** What a drill-down lists: MQL cycles, deals, or times in stage. */
export type DrilldownTarget =
  | { kind: "cycles"; section: "responseTime" | "acceptance" | "conversion"; key: string }
  | { kind: "deals"; section: "coverage" | "winRate" | "sourceMix"; key: string }
  | { kind: "spans"; stage: string; key: "exits" | "open" | "stalled" };

const CYCLE_KEYS = {
  responseTime: ["mqls", "responded", "withinSla", "breached", "pending"],
  acceptance: ["accepted", "rejected", "pending"],
  conversion: ["mqls", "sal", "sql", "opportunity", "closed_won"],
} as const;
const DEAL_KEYS = {
  coverage: ["open", "closedWon"],
  winRate: ["won", "lost"],
  sourceMix: ["marketing", "sales", "partner", "other"],
} as const;

/** Every metric with a drill-down, e.g. responseTime.breached, velocity.proposal.stalled. */
export const DRILLDOWN_METRICS: string[] = [
  ...Object.entries(CYCLE_KEYS).flatMap(([section, keys]) => keys.map((k) => `${section}.${k}`)),
  ...Object.entries(DEAL_KEYS).flatMap(([section, keys]) => keys.map((k) => `${section}.${k}`)),
  ...VELOCITY_STAGES.flatMap((stage) => ["exits", "open", "stalled"].map((k) => `velocity.${stage}.${k}`)),
];

export function parseDrilldownMetric(metric: string): DrilldownTarget {
  if (!DRILLDOWN_METRICS.includes(metric)) {
    throw badRequest(`Unknown metric "${metric}"; expected one of ${DRILLDOWN_METRICS.join(", ")}`);
  }
  const [section, first, second] = metric.split(".") as [string, string, string | undefined];
  if (section === "velocity") return { kind: "spans", stage: first, key: second as "exits" | "open" | "stalled" };
  if (section in CYCLE_KEYS) return { kind: "cycles", section: section as "responseTime", key: first };
  return { kind: "deals", section: section as "coverage", key: first };
}
