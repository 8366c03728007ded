import type {
  CycleFactRow,
  CycleResponseFacts,
  DealClose,
  DealFactRow,
  DealStateSpan,
  SpanFactRow,
} from "@revops/core";
import { and, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { leadDeals } from "../schema/crm-records.ts";
import {
  dealCloseFacts,
  dealFacts,
  dealStateSpans,
  factsState,
  mqlCycleFacts,
  stageSpanFacts,
} from "../schema/facts.ts";
import { invalidateReviewWeeks } from "./review-week-cache.ts";
import { rebuildStageEdges, shiftEntityStageEdges } from "./stage-edges.ts";

const CHUNK = 1_000;

/**
 * The layout of the facts this code writes. Bump it when facts gain a table or column that
 * older rows lack: workspaces below it are reviewed from their records, and the worker starts
 * their full recompute at boot. 1: deal state spans and closes.
 */
export const FACTS_FORMAT = 1;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The other side of the lead–deal links of some leads and deals. */
export async function linkedEntityIds(
  db: Database,
  params: { workspaceId: string; leadIds: readonly string[]; dealIds: readonly string[] },
): Promise<{ dealsOfLeads: string[]; leadsOfDeals: string[] }> {
  const dealsOfLeads = new Set<string>();
  const leadsOfDeals = new Set<string>();
  for (const chunk of chunks(params.leadIds, 5_000)) {
    const rows = await db
      .select({ dealId: leadDeals.dealId })
      .from(leadDeals)
      .where(and(eq(leadDeals.workspaceId, params.workspaceId), inArray(leadDeals.leadId, chunk)));
    for (const row of rows) dealsOfLeads.add(row.dealId);
  }
  for (const chunk of chunks(params.dealIds, 5_000)) {
    const rows = await db
      .select({ leadId: leadDeals.leadId })
      .from(leadDeals)
      .where(and(eq(leadDeals.workspaceId, params.workspaceId), inArray(leadDeals.dealId, chunk)));
    for (const row of rows) leadsOfDeals.add(row.leadId);
  }
  return { dealsOfLeads: [...dealsOfLeads], leadsOfDeals: [...leadsOfDeals] };
}

export interface StoredCycleFact extends CycleFactRow, CycleResponseFacts {
  ownerCrmId: string | null;
}
export interface StoredSpanFact extends SpanFactRow {
  stallRuleKey: string | null;
  stallDeadlineAt: Date | null;
  ownerCrmId: string | null;
}
export interface StoredDealFact extends DealFactRow {
  firstClosedAt: Date | null;
  lastClosedAt: Date | null;
  closeDateMin: string | null;
  closeDateMax: string | null;
  /** core's `dealStateSpans` and `dealCloses`: coverage, source mix and win rate read in SQL. */
  stateSpans: readonly DealStateSpan[];
  closes: readonly DealClose[];
}

const earliest = (instants: readonly Date[]) =>
  instants.reduce<Date | null>((min, at) => (min === null || at < min ? at : min), null);

/** The earliest cycle start, span entry and deal creation among the stored facts of some leads and deals. */
async function earliestStoredFact(
  db: Pick<Database, "execute">,
  workspaceId: string,
  leadIds: readonly string[],
  dealIds: readonly string[],
): Promise<Date[]> {
  const out: Date[] = [];
  const ids = (list: readonly string[]) =>
    sql`array[${sql.join(
      list.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]`;
  const none = sql`array[]::uuid[]`;
  for (let i = 0; i < Math.max(leadIds.length, dealIds.length); i += 5_000) {
    const leads = leadIds.slice(i, i + 5_000);
    const deals = dealIds.slice(i, i + 5_000);
    const leadArray = leads.length ? ids(leads) : none;
    const dealArray = deals.length ? ids(deals) : none;
    const result = (await db.execute(sql`select least(
      (select min(start_at) from mql_cycle_facts where workspace_id = ${workspaceId} and lead_id = any(${leadArray})),
      (select min(entered_at) from stage_span_facts where workspace_id = ${workspaceId} and entity_kind = 'lead' and entity_id = any(${leadArray})),
      (select min(entered_at) from stage_span_facts where workspace_id = ${workspaceId} and entity_kind = 'deal' and entity_id = any(${dealArray})),
      (select min(created_at) from deal_facts where workspace_id = ${workspaceId} and deal_id = any(${dealArray}))
    ) as at`)) as unknown as { rows: Array<{ at: unknown }> };
    const at = result.rows[0]?.at;
    if (at !== null && at !== undefined) out.push(new Date(at as string));
  }
  return out;
}

/** Inserts rows keyed by column name as one JSON document (dates become ISO strings, numbers round-trip exactly). */
async function insertRows(
  db: Pick<Database, "execute">,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const name = sql.raw(table);
  await db.execute(
    sql`insert into ${name} select * from json_populate_recordset(null::${name}, ${JSON.stringify(rows)}::json)`,
  );
}

/**
 * Replaces every fact of the given leads and deals in one transaction: the review never
 * sees half of a recompute. Ids without new rows (deleted records) simply lose their facts.
 */
export async function replaceFacts(
  db: Database,
  params: {
    workspaceId: string;
    leadIds: readonly string[];
    dealIds: readonly string[];
    definitionsVersion: number;
    /** The workspace zone: weekly edge counts of the spans are kept in its weeks. */
    timeZone: string;
    cycles: readonly StoredCycleFact[];
    spans: readonly StoredSpanFact[];
    deals: readonly StoredDealFact[];
  },
): Promise<void> {
  const { workspaceId, definitionsVersion } = params;
  const computedAt = new Date();
  const derived = (
    row: { serviceLine: string; sourceCategory: string; tier: string | null },
    owner: string | null,
  ) => ({
    workspace_id: workspaceId,
    service_line: row.serviceLine,
    source_category: row.sourceCategory,
    tier: row.tier,
    owner_crm_id: owner,
    definitions_version: definitionsVersion,
    computed_at: computedAt,
  });
  await db.transaction(async (tx) => {
    const from = earliest([
      ...(await earliestStoredFact(tx, workspaceId, params.leadIds, params.dealIds)),
      ...params.cycles.map((c) => c.startAt),
      ...params.spans.map((s) => s.enteredAt),
      ...params.deals.map((d) => d.deal.createdAt),
    ]);
    if (from) await invalidateReviewWeeks(tx, { workspaceId, definitionsVersion, from });
    const edges = (sign: 1 | -1) => shiftEntityStageEdges(tx, { ...params, sign });
    await edges(-1);
    for (const chunk of chunks(params.leadIds, 5_000)) {
      await tx
        .delete(mqlCycleFacts)
        .where(and(eq(mqlCycleFacts.workspaceId, workspaceId), inArray(mqlCycleFacts.leadId, chunk)));
      await tx
        .delete(stageSpanFacts)
        .where(
          and(
            eq(stageSpanFacts.workspaceId, workspaceId),
            eq(stageSpanFacts.entityKind, "lead"),
            inArray(stageSpanFacts.entityId, chunk),
          ),
        );
    }
    for (const chunk of chunks(params.dealIds, 5_000)) {
      await tx.delete(dealFacts).where(and(eq(dealFacts.workspaceId, workspaceId), inArray(dealFacts.dealId, chunk)));
      await tx
        .delete(dealStateSpans)
        .where(and(eq(dealStateSpans.workspaceId, workspaceId), inArray(dealStateSpans.dealId, chunk)));
      await tx
        .delete(dealCloseFacts)
        .where(and(eq(dealCloseFacts.workspaceId, workspaceId), inArray(dealCloseFacts.dealId, chunk)));
      await tx
        .delete(stageSpanFacts)
        .where(
          and(
            eq(stageSpanFacts.workspaceId, workspaceId),
            eq(stageSpanFacts.entityKind, "deal"),
            inArray(stageSpanFacts.entityId, chunk),
          ),
        );
    }
    // One JSON parameter per chunk: building thousands of bound parameters cost half of a full recompute.
    for (const chunk of chunks(params.cycles, 5_000)) {
      await insertRows(
        tx,
        "mql_cycle_facts",
        chunk.map((c) => ({
          ...derived(c, c.ownerCrmId),
          lead_id: c.leadId,
          cycle_index: c.index,
          start_at: c.startAt,
          end_at: c.endAt,
          provenance: c.provenance,
          first_touch_at: c.firstTouchAt,
          first_touch_activity_id: c.firstTouchActivityId,
          accepted_at: c.acceptedAt,
          rejected_at: c.rejectedAt,
          reached_sal_at: c.reachedAt.sal,
          reached_sql_at: c.reachedAt.sql,
          reached_opportunity_at: c.reachedAt.opportunity,
          reached_closed_won_at: c.reachedAt.closed_won,
          response_minutes: c.responseMinutes,
          response_business_minutes: c.responseBusinessMinutes,
          sla_rule_key: c.slaRuleKey,
          sla_target_minutes: c.slaTargetMinutes,
          sla_deadline_at: c.slaDeadlineAt,
        })),
      );
    }
    for (const chunk of chunks(params.spans, 5_000)) {
      await insertRows(
        tx,
        "stage_span_facts",
        chunk.map((s) => ({
          ...derived(s, s.ownerCrmId),
          entity_kind: s.entityKind,
          entity_id: s.entityId,
          span_index: s.spanIndex,
          stage: s.stage,
          entered_at: s.enteredAt,
          left_at: s.leftAt,
          provenance: s.provenance,
          via: s.via ?? null,
          stall_rule_key: s.stallRuleKey,
          stall_deadline_at: s.stallDeadlineAt,
        })),
      );
    }
    for (const chunk of chunks(params.deals, 1_000)) {
      await insertRows(
        tx,
        "deal_facts",
        chunk.map((d) => ({
          ...derived(d, d.deal.ownerId),
          deal_id: d.deal.id,
          created_at: d.deal.createdAt,
          first_closed_at: d.firstClosedAt,
          last_closed_at: d.lastClosedAt,
          close_date_min: d.closeDateMin,
          close_date_max: d.closeDateMax,
          record: d.deal,
          transitions: d.transitions,
        })),
      );
    }
    for (const chunk of chunks(
      params.deals.flatMap((d) =>
        d.stateSpans.map((span, i) => ({
          workspace_id: workspaceId,
          deal_id: d.deal.id,
          span_index: i,
          valid_from: span.from,
          valid_to: span.to,
          stage: span.stage,
          amount: span.amount,
          probability: span.probability,
          close_date: span.closeDate,
          service_line: d.serviceLine,
        })),
      ),
      5_000,
    )) {
      await insertRows(tx, "deal_state_spans", chunk);
    }
    const closes = params.deals.flatMap((d) =>
      d.closes.map((close) => ({
        workspace_id: workspaceId,
        deal_id: d.deal.id,
        transition_index: close.order,
        at: close.at,
        stage: close.stage,
        amount: close.amount,
        service_line: d.serviceLine,
      })),
    );
    for (const chunk of chunks(closes, 5_000)) await insertRows(tx, "deal_close_facts", chunk);
    await edges(1);
  });
}

/** Drops facts whose record is gone (deleted or merged away), after a full recompute. */
export async function deleteOrphanFacts(db: Database, params: { workspaceId: string }): Promise<void> {
  const ws = params.workspaceId;
  // not exists is an anti-join; `not in (subquery)` re-scanned a million leads per fact (never finished at 1M).
  const live = (table: "leads" | "deals", id: SQL) =>
    sql`exists (select 1 from ${sql.raw(table)} r where r.id = ${id} and r.workspace_id = ${ws}
      and r.deleted_at is null and r.merged_into_crm_id is null)`;
  await db.execute(
    sql`delete from mql_cycle_facts f where f.workspace_id = ${ws} and not ${live("leads", sql`f.lead_id`)}`,
  );
  for (const table of ["deal_facts", "deal_state_spans", "deal_close_facts"]) {
    await db.execute(
      sql`delete from ${sql.raw(table)} f where f.workspace_id = ${ws} and not ${live("deals", sql`f.deal_id`)}`,
    );
  }
  await db.execute(sql`delete from stage_span_facts f where f.workspace_id = ${ws} and (
    (f.entity_kind = 'lead' and not ${live("leads", sql`f.entity_id`)})
    or (f.entity_kind = 'deal' and not ${live("deals", sql`f.entity_id`)}))`);
}

/**
 * Refreshes the planner's statistics of the facts tables. A full recompute calls it as the
 * tables grow: with the statistics of empty tables, lookups by entity id scanned every span.
 */
export async function analyzeFacts(db: Pick<Database, "execute">): Promise<void> {
  await db.execute(
    sql`analyze mql_cycle_facts, stage_span_facts, deal_facts, deal_state_spans, deal_close_facts, stage_edge_weeks`,
  );
}

/** Records a recompute; a full one also refreshes the planner's statistics (PGlite never runs autovacuum). */
export async function recordFactsRecompute(
  db: Database,
  params: { workspaceId: string; definitionsVersion: number; timeZone: string; full: boolean },
): Promise<void> {
  const now = new Date();
  await db
    .insert(factsState)
    .values({
      workspaceId: params.workspaceId,
      definitionsVersion: params.definitionsVersion,
      computedAt: now,
      fullRecomputeAt: params.full ? now : null,
      // A first recompute wrote every fact the workspace has in this layout.
      factsFormat: FACTS_FORMAT,
    })
    .onConflictDoUpdate({
      target: factsState.workspaceId,
      set: params.full
        ? {
            definitionsVersion: params.definitionsVersion,
            computedAt: now,
            fullRecomputeAt: now,
            factsFormat: FACTS_FORMAT,
          }
        : { computedAt: now },
    });
  // A full recompute rewrote everything (and may have dropped orphans): no cached week survives it.
  if (!params.full) return;
  await invalidateReviewWeeks(db, { ...params, from: null });
  // The batches kept the edge counts in step, but in the zone of the new definitions only from now on.
  await rebuildStageEdges(db, params);
  await analyzeFacts(db);
  await vacuumFacts(db);
}

/**
 * Marks the pages of the spans all-visible after a full recompute, so velocity exits and coverage
 * read their covering indexes without visiting the tables (index-only scans). Autovacuum does it later on
 * its own where it runs; PGlite and servers without it never would. Outside any transaction.
 */
async function vacuumFacts(db: Pick<Database, "execute">): Promise<void> {
  await db.execute(sql`vacuum (analyze) stage_span_facts, deal_state_spans, deal_close_facts`);
}

/** Workspaces whose stored facts predate `FACTS_FORMAT`: they need a full recompute. */
export async function workspacesWithOldFacts(db: Database): Promise<string[]> {
  const rows = await db
    .select({ workspaceId: factsState.workspaceId })
    .from(factsState)
    .where(lt(factsState.factsFormat, FACTS_FORMAT));
  return rows.map((r) => r.workspaceId);
}
