import type { Definitions, ReviewRow, StageVelocity } from "@revops/core";
import {
  coverageFromSums,
  isDealStage,
  rate,
  reviewWindow,
  sourceMixFromSums,
  VELOCITY_STAGES,
  winRateFromSums,
} from "@revops/core";
import type { CycleAggregate, DealAggregate, ExitAggregate, OpenStageCount } from "@revops/db";
import { emptyDealAggregate } from "@revops/db";

/** What SQL grouped for the weeks of one request. */
export interface StoredAggregates {
  cycles: CycleAggregate[];
  exits: ExitAggregate[];
  open: OpenStageCount[];
  /** Coverage, win rate and source mix sums from the stored deal states and closes. */
  deals: DealAggregate[];
}

const EMPTY: Omit<CycleAggregate, "week" | "serviceLine"> = {
  mqls: 0,
  responded: 0,
  medianMinutes: null,
  p90Minutes: null,
  medianBusinessMinutes: null,
  p90BusinessMinutes: null,
  withinSla: 0,
  breached: 0,
  pending: 0,
  accepted: 0,
  rejected: 0,
  undecided: 0,
  medianHoursToDecision: null,
  sal: 0,
  sql: 0,
  opportunity: 0,
  closedWon: 0,
  latestAt: null,
};

function velocityRows(
  agg: StoredAggregates,
  defs: Definitions,
  week: string,
  serviceLine: string,
  cutoff: Date,
): StageVelocity[] {
  const open = agg.open.filter(
    (c) => c.at.getTime() === cutoff.getTime() && (serviceLine === "all" || c.serviceLine === serviceLine),
  );
  return VELOCITY_STAGES.map((stage) => {
    const kind = isDealStage(stage) ? "deal" : "lead";
    const found = agg.exits.find(
      (e) => e.week === week && e.serviceLine === serviceLine && e.stage === stage && e.entityKind === kind,
    );
    const inStage = open.filter((c) => c.stage === stage && c.entityKind === kind);
    const hasRule = defs.slaRules.some((r) => r.kind === "stage_max_age" && r.startStage === stage);
    return {
      stage,
      exits: found?.exits ?? 0,
      medianDays: found?.medianDays ?? null,
      p75Days: found?.p75Days ?? null,
      p90Days: found?.p90Days ?? null,
      meanDays: found?.meanDays ?? null,
      openCount: inStage.reduce((sum, c) => sum + c.open, 0),
      stalled: hasRule ? inStage.reduce((sum, c) => sum + c.stalled, 0) : null,
    };
  });
}

/** One review row from SQL-grouped facts (percentiles and sums computed there as core computes them) and core's formulas (spec §4). */
export function rowFromAggregates(
  agg: StoredAggregates,
  defs: Definitions,
  week: string,
  asOf: Date,
  serviceLine: string,
): ReviewRow {
  const window = reviewWindow(defs, week, asOf);
  const c = agg.cycles.find((a) => a.week === week && a.serviceLine === serviceLine) ?? EMPTY;
  const d =
    agg.deals.find((a) => a.week === week && a.serviceLine === serviceLine) ?? emptyDealAggregate(week, serviceLine);
  return {
    serviceLine,
    responseTime: {
      mqls: c.mqls,
      responded: c.responded,
      medianMinutes: c.medianMinutes,
      p90Minutes: c.p90Minutes,
      medianBusinessMinutes: c.medianBusinessMinutes,
      p90BusinessMinutes: c.p90BusinessMinutes,
      withinSla: c.withinSla,
      breached: c.breached,
      pending: c.pending,
      withinSlaRate: rate(c.withinSla, c.withinSla + c.breached),
    },
    acceptance: {
      accepted: c.accepted,
      rejected: c.rejected,
      pending: c.undecided,
      rate: rate(c.accepted, c.accepted + c.rejected),
      medianHoursToDecision: c.medianHoursToDecision,
    },
    coverage: coverageFromSums(d, defs, window, serviceLine),
    velocity: velocityRows(agg, defs, week, serviceLine, window.cutoff),
    conversion: {
      mqls: c.mqls,
      sal: c.sal,
      sql: c.sql,
      opportunity: c.opportunity,
      closed_won: c.closedWon,
      salRate: rate(c.sal, c.mqls),
      sqlRate: rate(c.sql, c.sal),
      opportunityRate: rate(c.opportunity, c.sql),
      closedWonRate: rate(c.closedWon, c.opportunity),
      mqlToClosedWonRate: rate(c.closedWon, c.mqls),
    },
    winRate: winRateFromSums(d),
    sourceMix: sourceMixFromSums(d.sources),
  };
}
