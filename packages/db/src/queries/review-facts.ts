import type {
  CanonicalStage,
  CycleFactRow,
  DealFactRow,
  DealRecord,
  SourceCategory,
  SpanFactRow,
  Transition,
} from "@revops/core";
import { and, eq, gte, inArray, isNull, lt, lte, max, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { connections } from "../schema/connections.ts";
import { leads } from "../schema/crm-records.ts";
import { dealFacts, factsState, mqlCycleFacts, stageSpanFacts } from "../schema/facts.ts";
import { syncRuns } from "../schema/sync.ts";

/** What a review of some weeks needs, as instants and local dates; SQL picks a superset, core applies the exact rules. */
export interface ReviewFactsRange {
  workspaceId: string;
  /** Start of the oldest week, end of the newest. */
  from: Date;
  to: Date;
  asOf: Date;
  /** Coverage periods: first day of the earliest quarter, day after the latest (local `YYYY-MM-DD`). */
  periodFrom: string;
  periodTo: string;
  /** The latest instant at which a deal state is read: min(asOf, to). */
  latestCutoff: Date;
}

type CycleRow = typeof mqlCycleFacts.$inferSelect;
type SpanRow = typeof stageSpanFacts.$inferSelect;
type DealRow = typeof dealFacts.$inferSelect;

export function toCycleFact(row: CycleRow): CycleFactRow {
  return {
    leadId: row.leadId,
    index: row.cycleIndex,
    startAt: row.startAt,
    provenance: row.provenance as CycleFactRow["provenance"],
    endAt: row.endAt,
    firstTouchAt: row.firstTouchAt,
    firstTouchActivityId: row.firstTouchActivityId,
    acceptedAt: row.acceptedAt,
    rejectedAt: row.rejectedAt,
    reachedAt: {
      sal: row.reachedSalAt,
      sql: row.reachedSqlAt,
      opportunity: row.reachedOpportunityAt,
      closed_won: row.reachedClosedWonAt,
    },
    serviceLine: row.serviceLine,
    sourceCategory: row.sourceCategory as SourceCategory,
    tier: row.tier,
  };
}

export function toSpanFact(row: SpanRow): SpanFactRow {
  const span: SpanFactRow = {
    entityId: row.entityId,
    entityKind: row.entityKind,
    spanIndex: row.spanIndex,
    stage: row.stage as CanonicalStage,
    enteredAt: row.enteredAt,
    leftAt: row.leftAt,
    provenance: row.provenance as SpanFactRow["provenance"],
    serviceLine: row.serviceLine,
    sourceCategory: row.sourceCategory as SourceCategory,
    tier: row.tier,
  };
  return row.via ? { ...span, via: row.via } : span;
}

const date = (value: unknown) => new Date(value as string);
/** Aggregates come back as strings from some drivers. */
const asDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);

/** jsonb gives ISO strings back; the core model wants Dates. */
export function toDealFact(row: DealRow): DealFactRow {
  const record = row.record as unknown as DealRecord;
  const deal: DealRecord = {
    ...record,
    createdAt: date(record.createdAt),
    stageChanges: record.stageChanges.map((c) => ({ ...c, at: date(c.at) })),
    amountChanges: record.amountChanges.map((c) => ({ ...c, at: date(c.at) })),
    closeDateChanges: record.closeDateChanges.map((c) => ({ ...c, at: date(c.at) })),
  };
  const transitions: Transition[] = (row.transitions as Transition[]).map((t) => ({ ...t, at: date(t.at) }));
  return {
    deal,
    transitions,
    serviceLine: row.serviceLine,
    sourceCategory: row.sourceCategory as SourceCategory,
    tier: row.tier,
  };
}

/** MQL cycles that started in the range by T. */
export async function loadCycleFacts(db: Database, range: ReviewFactsRange): Promise<CycleFactRow[]> {
  const rows = await db
    .select()
    .from(mqlCycleFacts)
    .where(
      and(
        eq(mqlCycleFacts.workspaceId, range.workspaceId),
        gte(mqlCycleFacts.startAt, range.from),
        lt(mqlCycleFacts.startAt, range.to),
        lte(mqlCycleFacts.startAt, range.asOf),
      ),
    );
  return rows.map(toCycleFact);
}

/** Times in stage that ended in the range by T (velocity exits). */
export async function loadExitSpanFacts(db: Database, range: ReviewFactsRange): Promise<SpanFactRow[]> {
  const rows = await db
    .select()
    .from(stageSpanFacts)
    .where(
      and(
        eq(stageSpanFacts.workspaceId, range.workspaceId),
        gte(stageSpanFacts.leftAt, range.from),
        lt(stageSpanFacts.leftAt, range.to),
        lte(stageSpanFacts.leftAt, range.asOf),
      ),
    );
  return rows.map(toSpanFact);
}

/** Deals a week in the range can need: created in it, closed in it, or with a close date ever in its quarters. */
export async function loadDealFacts(db: Database, range: ReviewFactsRange): Promise<DealFactRow[]> {
  const rows = await db
    .select()
    .from(dealFacts)
    .where(
      and(
        eq(dealFacts.workspaceId, range.workspaceId),
        lte(dealFacts.createdAt, range.asOf),
        or(
          and(gte(dealFacts.createdAt, range.from), lt(dealFacts.createdAt, range.to)),
          and(gte(dealFacts.lastClosedAt, range.from), lt(dealFacts.firstClosedAt, range.to)),
          and(
            lte(dealFacts.createdAt, range.latestCutoff),
            gte(dealFacts.closeDateMax, range.periodFrom),
            lt(dealFacts.closeDateMin, range.periodTo),
          ),
        ),
      ),
    );
  return rows.map(toDealFact);
}

export interface OpenStageCount {
  /** The instant counted at (one of the requested cutoffs). */
  at: Date;
  serviceLine: string;
  entityKind: "lead" | "deal";
  stage: string;
  open: number;
  stalled: number;
}

type Edge = "enter" | "leave" | "stall" | "stallLeave";

/**
 * Entities in each stage at each instant (entered ≤ at < left) and how many of them are past
 * their stored stall deadline, for many instants in one pass over the spans:
 * open(c) = #(entered ≤ c) − #(left ≤ c) and stalled(c) = #(deadline ≤ c) − #(max(deadline, left) ≤ c),
 * each counted per bucket of the sorted instants (width_bucket) and summed up here. Spans closed
 * before the first instant cancel out and are not read.
 */
export async function countOpenSpans(
  db: Database,
  params: { workspaceId: string; at: Date[] },
): Promise<OpenStageCount[]> {
  if (params.at.length === 0) return [];
  const cutoffs = [...new Set(params.at.map((at) => at.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
  const first = (cutoffs[0] as Date).toISOString();
  const last = (cutoffs[cutoffs.length - 1] as Date).toISOString();
  const bounds = sql`array[${sql.join(
    cutoffs.map((c) => sql`${c.toISOString()}::timestamptz`),
    sql`, `,
  )}]`;
  // width_bucket counts the instants ≤ x; shifting x by 1 µs counts those < x, so x ≤ c_i ⟺ bucket < i.
  const bucket = (column: ReturnType<typeof sql>) => sql`width_bucket(${column} - interval '1 microsecond', ${bounds})`;
  const result = (await db.execute(sql`
    with s as (
      select service_line, entity_kind, stage, entered_at, left_at, stall_deadline_at from stage_span_facts
      where workspace_id = ${params.workspaceId} and left_at is null and entered_at <= ${last}::timestamptz
      union all
      select service_line, entity_kind, stage, entered_at, left_at, stall_deadline_at from stage_span_facts
      where workspace_id = ${params.workspaceId} and left_at > ${first}::timestamptz and entered_at <= ${last}::timestamptz
    ),
    edges as (
      select service_line, entity_kind, stage, 'enter' as edge, ${bucket(sql`entered_at`)} as k from s
      union all
      select service_line, entity_kind, stage, 'leave', ${bucket(sql`left_at`)} from s where left_at is not null
      union all
      select service_line, entity_kind, stage, 'stall', ${bucket(sql`stall_deadline_at`)} from s where stall_deadline_at is not null
      union all
      select service_line, entity_kind, stage, 'stallLeave', ${bucket(sql`greatest(stall_deadline_at, left_at)`)} from s
      where stall_deadline_at is not null and left_at is not null
    )
    select service_line, entity_kind, stage, edge, k, count(*)::int as n from edges
    where k < ${cutoffs.length}
    group by service_line, entity_kind, stage, edge, k`)) as unknown as {
    rows: Array<{
      service_line: string;
      entity_kind: "lead" | "deal";
      stage: string;
      edge: Edge;
      k: unknown;
      n: unknown;
    }>;
  };
  const groups = new Map<
    string,
    { serviceLine: string; entityKind: "lead" | "deal"; stage: string; byEdge: Record<Edge, number[]> }
  >();
  for (const row of result.rows) {
    const key = `${row.service_line}|${row.entity_kind}|${row.stage}`;
    let group = groups.get(key);
    if (!group) {
      const zeros = () => cutoffs.map(() => 0);
      group = {
        serviceLine: row.service_line,
        entityKind: row.entity_kind,
        stage: row.stage,
        byEdge: { enter: zeros(), leave: zeros(), stall: zeros(), stallLeave: zeros() },
      };
      groups.set(key, group);
    }
    const counts = group.byEdge[row.edge];
    counts[Number(row.k)] = (counts[Number(row.k)] ?? 0) + Number(row.n);
  }
  const upTo = (counts: number[], i: number) => counts.slice(0, i + 1).reduce((sum, n) => sum + n, 0);
  const out: OpenStageCount[] = [];
  for (const group of groups.values()) {
    cutoffs.forEach((at, i) => {
      const open = upTo(group.byEdge.enter, i) - upTo(group.byEdge.leave, i);
      const stalled = upTo(group.byEdge.stall, i) - upTo(group.byEdge.stallLeave, i);
      if (open > 0)
        out.push({
          at,
          serviceLine: group.serviceLine,
          entityKind: group.entityKind,
          stage: group.stage,
          open,
          stalled,
        });
    });
  }
  return out;
}

/** Open spans of one stage at `at` (velocity drill-down), optionally only the stalled ones. */
export async function listOpenSpans(
  db: Database,
  params: {
    workspaceId: string;
    at: Date;
    stage: string;
    entityKind: "lead" | "deal";
    serviceLine?: string;
    stalledOnly: boolean;
  },
): Promise<SpanFactRow[]> {
  const rows = await db
    .select()
    .from(stageSpanFacts)
    .where(
      and(
        eq(stageSpanFacts.workspaceId, params.workspaceId),
        eq(stageSpanFacts.stage, params.stage),
        eq(stageSpanFacts.entityKind, params.entityKind),
        params.serviceLine ? eq(stageSpanFacts.serviceLine, params.serviceLine) : undefined,
        lte(stageSpanFacts.enteredAt, params.at),
        or(isNull(stageSpanFacts.leftAt), sql`${stageSpanFacts.leftAt} > ${params.at}`),
        params.stalledOnly ? lte(stageSpanFacts.stallDeadlineAt, params.at) : undefined,
      ),
    );
  return rows.map(toSpanFact);
}

/** Per connection: the end of its last successful sync (sync_runs), else the latest time one of its leads was synced (data loaded without a sync run). */
export async function reviewDataFreshness(db: Database, params: { workspaceId: string }) {
  const conns = await db.select().from(connections).where(eq(connections.workspaceId, params.workspaceId));
  const runs = await db
    .select({ connectionId: syncRuns.connectionId, at: max(syncRuns.finishedAt) })
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.status, "succeeded")))
    .groupBy(syncRuns.connectionId);
  const synced = new Set(runs.filter((r) => r.at !== null).map((r) => r.connectionId));
  const unsynced = conns.filter((c) => !synced.has(c.id)).map((c) => c.id);
  // Records loaded without a sync run (imports, tests): the latest record sync time stands in.
  const records =
    unsynced.length === 0
      ? []
      : await db
          .select({ connectionId: leads.connectionId, at: max(leads.syncedAt) })
          .from(leads)
          .where(and(eq(leads.workspaceId, params.workspaceId), inArray(leads.connectionId, unsynced)))
          .groupBy(leads.connectionId);
  const lastRun = new Map(runs.map((r) => [r.connectionId, asDate(r.at)]));
  const lastRecord = new Map(records.map((r) => [r.connectionId, asDate(r.at)]));
  return conns.map((c) => ({
    connectionId: c.id,
    crm: c.crm,
    name: c.name,
    settings: c.settings,
    lastSyncAt: lastRun.get(c.id) ?? lastRecord.get(c.id) ?? null,
  }));
}

/** When the facts were last written, under which definitions version the last full recompute ran, and their generation. */
export async function factsStatus(db: Database, params: { workspaceId: string }) {
  const [row] = await db.select().from(factsState).where(eq(factsState.workspaceId, params.workspaceId));
  return {
    definitionsVersion: row?.definitionsVersion ?? null,
    computedAt: row?.computedAt ?? null,
    generation: row?.generation ?? 0,
    edgesTimezone: row?.edgesTimezone ?? null,
    factsFormat: row?.factsFormat ?? null,
  };
}
