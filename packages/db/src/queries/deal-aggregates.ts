import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.ts";

/** A week for the deal figures: its bounds, its cutoff min(T, end) and its coverage quarter (local dates). */
export interface DealAggregateWeek {
  week: string;
  start: Date;
  end: Date;
  cutoff: Date;
  /** First day of the quarter and the day after it, `YYYY-MM-DD`. */
  periodFrom: string;
  periodTo: string;
}

/** The deal sums of one (week, service line): coverage, win rate and source mix before core's formulas. */
export interface DealAggregate {
  week: string;
  /** "all" for the whole workspace. */
  serviceLine: string;
  openPipeline: number;
  weightedPipeline: number;
  closedWon: number;
  won: number;
  lost: number;
  wonAmount: number;
  lostAmount: number;
  /** Deals created in W by T, per source category: count and amount as of the cutoff. */
  sources: Array<{ sourceCategory: string; count: number; amount: number }>;
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;
const iso = (at: Date) => at.toISOString();
const line = (column: string) => sql.raw(`case when grouping(${column}) = 1 then 'all' else ${column} end`);
/**
 * A float sum exactly as core adds it (core's `inDealIdOrder`): one addition at a time in deal
 * id order from 0 (`+ 0` turns the -0 of an all-zero sum into core's 0).
 */
const moneySum = (value: string, filter?: string) =>
  sql.raw(`(coalesce(sum(${value} order by deal_id)${filter ? ` filter (where ${filter})` : ""}, 0) + 0)::float8`);
/** The weeks as a VALUES list of the columns `pick` gives. */
const weekValues = (weeks: DealAggregateWeek[], pick: (w: DealAggregateWeek) => SQL[]) =>
  sql.join(
    weeks.map((w) => sql`(${sql.join(pick(w), sql`, `)})`),
    sql`, `,
  );
const instant = (at: Date) => sql`${iso(at)}::timestamptz`;
const bounds = (weeks: DealAggregateWeek[]) => ({
  from: iso(new Date(Math.min(...weeks.map((w) => w.start.getTime())))),
  to: iso(new Date(Math.max(...weeks.map((w) => w.end.getTime())))),
});

/**
 * Coverage, win rate and source mix of several weeks from the stored deal states and closes,
 * without any deal's history: the same selections as core's `coverageOf`, `winRateOf` and
 * `sourceMixOf`, summed in the same order, so the figures are equal to core's to the last bit.
 */
export async function dealAggregates(
  db: Database,
  params: { workspaceId: string; weeks: DealAggregateWeek[]; asOf: Date; openStages: readonly string[] },
): Promise<DealAggregate[]> {
  if (params.weeks.length === 0) return [];
  const [coverage, closes, sources] = await Promise.all([
    coverageSums(db, params),
    closeSums(db, params),
    sourceSums(db, params),
  ]);
  const out = new Map<string, DealAggregate>();
  const entry = (week: string, serviceLine: string) => {
    const key = `${week}\u0000${serviceLine}`;
    let found = out.get(key);
    if (!found) {
      found = emptyDealAggregate(week, serviceLine);
      out.set(key, found);
    }
    return found;
  };
  for (const r of coverage) {
    Object.assign(entry(String(r.week), String(r.line)), {
      openPipeline: Number(r.open_pipeline),
      weightedPipeline: Number(r.weighted_pipeline),
      closedWon: Number(r.closed_won),
    });
  }
  for (const r of closes) {
    Object.assign(entry(String(r.week), String(r.line)), {
      won: Number(r.won),
      lost: Number(r.lost),
      wonAmount: Number(r.won_amount),
      lostAmount: Number(r.lost_amount),
    });
  }
  for (const r of sources) {
    entry(String(r.week), String(r.line)).sources.push({
      sourceCategory: String(r.source_category),
      count: Number(r.n),
      amount: Number(r.amount),
    });
  }
  return [...out.values()];
}

/** A (week, line) without any deal counted: every sum 0. */
export function emptyDealAggregate(week: string, serviceLine: string): DealAggregate {
  return {
    week,
    serviceLine,
    openPipeline: 0,
    weightedPipeline: 0,
    closedWon: 0,
    won: 0,
    lost: 0,
    wonAmount: 0,
    lostAmount: 0,
    sources: [],
  };
}

type Params = Parameters<typeof dealAggregates>[1];

/** Deals whose state at the cutoff is open or closed won with a close date in the week's quarter. */
async function coverageSums(db: Database, params: Params): Promise<Row[]> {
  const weeks = weekValues(params.weeks, (w) => [
    sql`${w.week}`,
    instant(w.cutoff),
    sql`${w.periodFrom}::text`,
    sql`${w.periodTo}::text`,
  ]);
  const periodFrom = params.weeks.map((w) => w.periodFrom).sort()[0] as string;
  const periodTo = params.weeks
    .map((w) => w.periodTo)
    .sort()
    .at(-1) as string;
  // Literals, not parameters: the planner must see that the partial coverage index covers them.
  const stages = [...params.openStages, "closed_won"];
  const result = await db.execute(sql`
    with w(week, cutoff, period_from, period_to) as (values ${weeks}),
    s as (
      select w.week, s.deal_id, s.service_line, s.stage, coalesce(s.amount, 0) as amount,
        coalesce(s.amount, 0) * coalesce(s.probability, 0) as weighted
      from w join deal_state_spans s on s.workspace_id = ${params.workspaceId}
        and s.close_date >= w.period_from and s.close_date < w.period_to
        and s.close_date >= ${periodFrom} and s.close_date < ${periodTo}
        and s.valid_from <= w.cutoff and (s.valid_to is null or s.valid_to > w.cutoff)
        and s.stage in (${sql.raw(stages.map((stage) => `'${stage.replaceAll("'", "''")}'`).join(", "))})
    )
    select week, ${line("service_line")} as line,
      ${moneySum("amount", "stage <> 'closed_won'")} as open_pipeline,
      ${moneySum("weighted", "stage <> 'closed_won'")} as weighted_pipeline,
      ${moneySum("amount", "stage = 'closed_won'")} as closed_won
    from s group by grouping sets ((week, service_line), (week))`);
  return rowsOf(result);
}

/** Each deal's last close in W by T (ties: the later transition), with its amount as of the close. */
async function closeSums(db: Database, params: Params): Promise<Row[]> {
  const weeks = weekValues(params.weeks, (w) => [sql`${w.week}`, instant(w.start), instant(w.end)]);
  const range = bounds(params.weeks);
  const asOf = iso(params.asOf);
  const result = await db.execute(sql`
    with w(week, start_at, end_at) as (values ${weeks}),
    c as (
      select distinct on (w.week, f.deal_id) w.week, f.deal_id, f.service_line, f.stage, coalesce(f.amount, 0) as amount
      from w join deal_close_facts f on f.workspace_id = ${params.workspaceId}
        and f.at >= w.start_at and f.at < w.end_at and f.at <= ${asOf}::timestamptz
        and f.at >= ${range.from}::timestamptz and f.at < ${range.to}::timestamptz
      order by w.week, f.deal_id, f.at desc, f.transition_index desc
    )
    select week, ${line("service_line")} as line,
      (count(*) filter (where stage = 'closed_won'))::int as won,
      (count(*) filter (where stage = 'closed_lost'))::int as lost,
      ${moneySum("amount", "stage = 'closed_won'")} as won_amount,
      ${moneySum("amount", "stage = 'closed_lost'")} as lost_amount
    from c group by grouping sets ((week, service_line), (week))`);
  return rowsOf(result);
}

/** Deals created in W by T per source category, with their amount as of the cutoff. */
async function sourceSums(db: Database, params: Params): Promise<Row[]> {
  const weeks = weekValues(params.weeks, (w) => [sql`${w.week}`, instant(w.start), instant(w.end), instant(w.cutoff)]);
  const range = bounds(params.weeks);
  const asOf = iso(params.asOf);
  const result = await db.execute(sql`
    with w(week, start_at, end_at, cutoff) as (values ${weeks}),
    d as (
      select w.week, d.deal_id, d.service_line, d.source_category, coalesce(s.amount, 0) as amount
      from w join deal_facts d on d.workspace_id = ${params.workspaceId}
        and d.created_at >= w.start_at and d.created_at < w.end_at and d.created_at <= ${asOf}::timestamptz
        and d.created_at >= ${range.from}::timestamptz and d.created_at < ${range.to}::timestamptz
      -- A probe of the deal's few spans (primary key), kept a subquery so the planner cannot hash every span.
      join lateral (
        select s.amount from deal_state_spans s where s.deal_id = d.deal_id
          and s.valid_from <= w.cutoff and (s.valid_to is null or s.valid_to > w.cutoff) limit 1
      ) s on true
    )
    select week, ${line("service_line")} as line, source_category, count(*)::int as n, ${moneySum("amount")} as amount
    from d group by grouping sets ((week, service_line, source_category), (week, source_category))`);
  return rowsOf(result);
}
