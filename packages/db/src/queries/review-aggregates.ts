import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";

/** A week to aggregate: its key and its bounds as instants in the workspace zone. */
export interface AggregateWeek {
  week: string;
  start: Date;
  end: Date;
}

/** MQL cycles of one (week, service line) as of T, grouped in SQL; durations come back as lists for core's percentiles. */
export interface CycleAggregate {
  week: string;
  /** "all" for the whole workspace. */
  serviceLine: string;
  mqls: number;
  /** Cycles responded by T (first touch ≤ T) and the nearest-rank percentiles of their response times. */
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  withinSla: number;
  breached: number;
  pending: number;
  accepted: number;
  rejected: number;
  undecided: number;
  medianHoursToDecision: number | null;
  sal: number;
  sql: number;
  opportunity: number;
  closedWon: number;
  /** The latest instant any of these cycles can change at (start, touch, decision, reach, SLA deadline). */
  latestAt: Date | null;
}

export interface ExitAggregate {
  week: string;
  serviceLine: string;
  stage: string;
  entityKind: "lead" | "deal";
  /** Times in stage that ended, their nearest-rank percentiles and mean (days). */
  exits: number;
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
  meanDays: number | null;
}

const weeksValues = (weeks: AggregateWeek[]) =>
  sql.join(
    weeks.map((w) => sql`(${w.week}, ${w.start.toISOString()}::timestamptz, ${w.end.toISOString()}::timestamptz)`),
    sql`, `,
  );

/** A float8[] from the driver (an array, or its text form); null stays null. */
const numbers = (value: unknown): Array<number | null> => {
  const items = Array.isArray(value)
    ? value
    : typeof value === "string" && value.length > 2
      ? value.slice(1, -1).split(",")
      : [];
  return items.map((v) => (v === null || v === "NULL" ? null : Number(v)));
};
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
/**
 * Nearest-rank percentiles in SQL: Postgres' percentile_disc is core's `percentileDisc` (the
 * value at 1-based position ceil(p·n) of the sorted values), so only the figures travel, not
 * every duration of the weeks (a 12-week trend shipped and parsed ~100k numbers per 200k leads).
 */
const percentiles = (fractions: number[], value: string, filter?: string) =>
  sql.raw(
    `percentile_disc(array[${fractions.join(", ")}]::float8[]) within group (order by ${value})${filter ? ` filter (where ${filter})` : ""}`,
  );

/**
 * The instants all the weeks cover, as constants: joined to a VALUES list only, the planner
 * cannot bound an index scan by it and read every fact of the workspace (a seq scan of 3.4M spans at 1M leads).
 */
const coveredRange = (weeks: AggregateWeek[]) => ({
  from: new Date(Math.min(...weeks.map((w) => w.start.getTime()))).toISOString(),
  to: new Date(Math.max(...weeks.map((w) => w.end.getTime()))).toISOString(),
});

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;

/**
 * The cycle-based figures of the review (response time, acceptance, conversion) for several
 * weeks at once, from the stored columns: the same tests as core's classifiers, applied at T.
 * Milliseconds are divided once, in float8, exactly as core divides them.
 */
export async function cycleAggregates(
  db: Database,
  params: { workspaceId: string; weeks: AggregateWeek[]; asOf: Date },
): Promise<CycleAggregate[]> {
  if (params.weeks.length === 0) return [];
  const asOf = params.asOf.toISOString();
  const range = coveredRange(params.weeks);
  const result = await db.execute(sql`
    with w(week, start_at, end_at) as (values ${weeksValues(params.weeks)}),
    c as (
      select w.week, f.service_line,
        f.first_touch_at is not null and f.first_touch_at <= ${asOf}::timestamptz as responded,
        f.response_minutes, f.response_business_minutes, f.sla_target_minutes, f.sla_deadline_at,
        case when f.accepted_at <= ${asOf}::timestamptz
               and (f.rejected_at is null or f.rejected_at > ${asOf}::timestamptz or f.accepted_at <= f.rejected_at) then f.accepted_at end as accepted_at,
        case when f.rejected_at <= ${asOf}::timestamptz
               and not coalesce(f.accepted_at <= ${asOf}::timestamptz and f.accepted_at <= f.rejected_at, false) then f.rejected_at end as rejected_at,
        f.start_at, f.reached_sal_at, f.reached_sql_at, f.reached_opportunity_at, f.reached_closed_won_at,
        greatest(f.start_at, f.first_touch_at, f.accepted_at, f.rejected_at, f.reached_sal_at, f.reached_sql_at,
          f.reached_opportunity_at, f.reached_closed_won_at, f.sla_deadline_at) as latest_at
      from w join mql_cycle_facts f on f.workspace_id = ${params.workspaceId}
        and f.start_at >= w.start_at and f.start_at < w.end_at and f.start_at <= ${asOf}::timestamptz
        and f.start_at >= ${range.from}::timestamptz and f.start_at < ${range.to}::timestamptz
    )
    select week, case when grouping(service_line) = 1 then 'all' else service_line end as line,
      count(*)::int as mqls,
      (count(*) filter (where responded))::int as responded,
      ${percentiles([0.5, 0.9], "response_minutes", "responded")} as wall,
      ${percentiles([0.5, 0.9], "response_business_minutes", "responded")} as business,
      (count(*) filter (where responded and sla_target_minutes is not null and response_business_minutes <= sla_target_minutes))::int as within_sla,
      (count(*) filter (where sla_target_minutes is not null and ((responded and response_business_minutes > sla_target_minutes)
        or (not responded and sla_deadline_at <= ${asOf}::timestamptz))))::int as breached,
      (count(*) filter (where sla_target_minutes is not null and not responded and sla_deadline_at > ${asOf}::timestamptz))::int as pending,
      (count(*) filter (where accepted_at is not null))::int as accepted,
      (count(*) filter (where rejected_at is not null))::int as rejected,
      (count(*) filter (where accepted_at is null and rejected_at is null))::int as undecided,
      percentile_disc(0.5) within group (order by (extract(epoch from coalesce(accepted_at, rejected_at) - start_at) * 1000)::float8 / 3600000)
        filter (where coalesce(accepted_at, rejected_at) is not null) as decision_hours,
      (count(*) filter (where reached_sal_at <= ${asOf}::timestamptz))::int as sal,
      (count(*) filter (where reached_sql_at <= ${asOf}::timestamptz))::int as sql,
      (count(*) filter (where reached_opportunity_at <= ${asOf}::timestamptz))::int as opportunity,
      (count(*) filter (where reached_closed_won_at <= ${asOf}::timestamptz))::int as closed_won,
      max(latest_at) as latest_at
    from c
    group by grouping sets ((week, service_line), (week))`);
  return rowsOf(result).map((r) => {
    const [medianMinutes = null, p90Minutes = null] = numbers(r.wall);
    const [medianBusinessMinutes = null, p90BusinessMinutes = null] = numbers(r.business);
    return {
      week: String(r.week),
      serviceLine: String(r.line),
      mqls: Number(r.mqls),
      responded: Number(r.responded),
      medianMinutes,
      p90Minutes,
      medianBusinessMinutes,
      p90BusinessMinutes,
      withinSla: Number(r.within_sla),
      breached: Number(r.breached),
      pending: Number(r.pending),
      accepted: Number(r.accepted),
      rejected: Number(r.rejected),
      undecided: Number(r.undecided),
      medianHoursToDecision: numberOrNull(r.decision_hours),
      sal: Number(r.sal),
      sql: Number(r.sql),
      opportunity: Number(r.opportunity),
      closedWon: Number(r.closed_won),
      latestAt: r.latest_at === null || r.latest_at === undefined ? null : new Date(r.latest_at as string),
    };
  });
}

/** Times in stage that ended in each week by T, per (week, service line, stage, kind): count, percentiles, mean. */
export async function exitAggregates(
  db: Database,
  params: { workspaceId: string; weeks: AggregateWeek[]; asOf: Date },
): Promise<ExitAggregate[]> {
  if (params.weeks.length === 0) return [];
  const asOf = params.asOf.toISOString();
  const range = coveredRange(params.weeks);
  const result = await db.execute(sql`
    with w(week, start_at, end_at) as (values ${weeksValues(params.weeks)}),
    x as (
      -- Days divided once per time in stage, as core divides them.
      select w.week, s.service_line, s.stage, s.entity_kind,
        (extract(epoch from s.left_at - s.entered_at) * 1000)::float8 / 86400000 as days
      from w join stage_span_facts s on s.workspace_id = ${params.workspaceId}
        and s.left_at >= w.start_at and s.left_at < w.end_at and s.left_at <= ${asOf}::timestamptz
        and s.left_at >= ${range.from}::timestamptz and s.left_at < ${range.to}::timestamptz
    )
    select week, case when grouping(service_line) = 1 then 'all' else service_line end as line, stage, entity_kind,
      count(*)::int as exits,
      ${percentiles([0.5, 0.75, 0.9], "days")} as days,
      -- core's mean: added one at a time in ascending order, then divided.
      sum(days order by days) / count(*)::float8 as mean_days
    from x
    group by grouping sets ((week, service_line, stage, entity_kind), (week, stage, entity_kind))`);
  return rowsOf(result).map((r) => {
    const [medianDays = null, p75Days = null, p90Days = null] = numbers(r.days);
    return {
      week: String(r.week),
      serviceLine: String(r.line),
      stage: String(r.stage),
      entityKind: r.entity_kind as "lead" | "deal",
      exits: Number(r.exits),
      medianDays,
      p75Days,
      p90Days,
      meanDays: numberOrNull(r.mean_days),
    };
  });
}
