// The review API's shape (spec §7, field names of §4), held locally until the metrics engineer's
// route is in the generated client; then these become aliases of the generated components.

export interface ResponseTime {
  mqls: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  withinSla: number;
  breached: number;
  pending: number;
  withinSlaRate: number | null;
}

export interface Acceptance {
  accepted: number;
  rejected: number;
  pending: number;
  rate: number | null;
  medianHoursToDecision: number | null;
}

export interface Coverage {
  period: string;
  openPipeline: number;
  weightedPipeline: number;
  closedWon: number;
  quota: number | null;
  remaining: number | null;
  ratio: number | null;
  weightedRatio: number | null;
}

export interface StageVelocity {
  stage: string;
  exits: number;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
  meanDays: number | null;
  openCount: number;
  stalled: number | null;
}

export interface Conversion {
  mqls: number;
  sal: number;
  sql: number;
  opportunity: number;
  closed_won: number;
  salRate: number | null;
  sqlRate: number | null;
  opportunityRate: number | null;
  closedWonRate: number | null;
  mqlToClosedWonRate: number | null;
}

export interface WinRate {
  won: number;
  lost: number;
  rate: number | null;
  wonAmount: number;
  lostAmount: number;
  amountRate: number | null;
}

export type SourceMix = Record<string, { count: number; amount: number }>;

export interface ReviewRow {
  serviceLine: string;
  responseTime: ResponseTime;
  acceptance: Acceptance;
  coverage: Coverage;
  velocity: StageVelocity[];
  conversion: Conversion;
  winRate: WinRate;
  sourceMix: SourceMix;
}

export interface ReviewWeek {
  week: string;
  start: string;
  end: string;
  rows: ReviewRow[];
}

export interface Review extends ReviewWeek {
  workspace: string;
  timezone: string;
  asOf: string;
  previous: ReviewWeek;
  /** The 12 weeks ending with this one, oldest first (rows for the requested service lines). */
  trend?: ReviewWeek[];
  definitionsVersion: number;
  computedFrom: "facts" | "records";
  freshness: {
    connections: Array<{
      connectionId: string;
      crm: "hubspot" | "salesforce";
      name: string;
      lastSyncAt: string | null;
    }>;
    factsComputedAt: string | null;
    factsDefinitionsVersions: number[];
  };
}

/** One record behind a number (the drill-down drawer). */
export interface ReviewRecord {
  id: string;
  kind: string;
  name: string;
  crmUrl: string | null;
  [column: string]: unknown;
}
