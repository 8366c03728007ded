import type {
  ActivityInput,
  CrmKind,
  DealInput,
  LeadInput,
  OwnerInput,
  PipelineStageInput,
  PropertyChangeInput,
} from "@revops/core";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { deals, leads, owners, pipelineStages } from "../schema/crm-records.ts";
import { anyOf, type BulkColumn, KEEP_LATERAL, selectRows, unnestRows } from "./bulk.ts";
import { type ChangeRow, insertChanges } from "./property-change-writes.ts";

/** Which connection a page of records belongs to. */
export interface SyncScope {
  workspaceId: string;
  connectionId: string;
  crm: CrmKind;
}

export type { ActivityInput, DealInput, LeadInput, OwnerInput, PipelineStageInput, PropertyChangeInput };

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** The lead/deal columns both upserts write, beyond workspace, connection and CRM. */
const recordUpdate = (columns: string[]) =>
  sql.raw(
    [
      ...columns.map((c) => `${c} = excluded.${c}`),
      "deleted_at = null",
      "merged_into_crm_id = null",
      "synced_at = now()",
    ].join(", "),
  );

/**
 * Upserts a page of leads with their property changes. `replaceProperties`: the page holds the
 * complete history of these properties (HubSpot propertiesWithHistory), so older entries are replaced.
 */
export async function upsertLeads(
  db: Database,
  scope: SyncScope,
  inputs: LeadInput[],
  options: { replaceProperties?: string[] } = {},
): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const columns: BulkColumn[] = [
    ["crm_id", "text", inputs.map((input) => input.crmId)],
    ["name", "text", inputs.map((input) => input.name)],
    ["email", "text", inputs.map((input) => input.email)],
    ["owner_crm_id", "text", inputs.map((input) => input.ownerCrmId)],
    ["service_line_raw", "text", inputs.map((input) => input.serviceLineRaw)],
    ["source_raw", "text", inputs.map((input) => input.sourceRaw)],
    ["tier", "text", inputs.map((input) => input.tier)],
    ["created_at_crm", "timestamptz", inputs.map((input) => input.createdAt)],
    ["modified_at_crm", "timestamptz", inputs.map((input) => input.modifiedAt)],
  ];
  const ids = await upsertRecords(db, scope, "leads", columns);
  await writeChanges(db, scope.workspaceId, "lead", inputs, ids, options.replaceProperties);
  const crmIds = inputs.map((input) => input.crmId);
  // Activities that arrived before their lead.
  await db.execute(sql`
    update activities a set lead_id = l.id from leads l
    where a.connection_id = ${scope.connectionId} and a.lead_id is null and ${anyOf(sql`a.lead_crm_id`, "text", crmIds)}
      and l.connection_id = a.connection_id and l.crm_id = a.lead_crm_id`);
  const owned = inputs.filter((input) => input.dealCrmIds !== undefined);
  if (owned.length > 0) {
    await replaceLinks(
      db,
      scope,
      "lead",
      owned.map((input) => [input.crmId, input.dealCrmIds ?? []]),
    );
  }
  await resolveLinks(db, scope, "lead", crmIds);
  return ids;
}

export async function upsertDeals(
  db: Database,
  scope: SyncScope,
  inputs: DealInput[],
  options: { replaceProperties?: string[] } = {},
): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const columns: BulkColumn[] = [
    ["crm_id", "text", inputs.map((input) => input.crmId)],
    ["name", "text", inputs.map((input) => input.name)],
    ["pipeline_id", "text", inputs.map((input) => input.pipelineId)],
    ["owner_crm_id", "text", inputs.map((input) => input.ownerCrmId)],
    ["service_line_raw", "text", inputs.map((input) => input.serviceLineRaw)],
    ["source_raw", "text", inputs.map((input) => input.sourceRaw)],
    ["created_at_crm", "timestamptz", inputs.map((input) => input.createdAt)],
    ["modified_at_crm", "timestamptz", inputs.map((input) => input.modifiedAt)],
  ];
  const ids = await upsertRecords(db, scope, "deals", columns);
  await writeChanges(db, scope.workspaceId, "deal", inputs, ids, options.replaceProperties);
  const owned = inputs.filter((input) => input.leadCrmIds !== undefined);
  if (owned.length > 0) {
    await replaceLinks(
      db,
      scope,
      "deal",
      owned.map((input) => [input.crmId, input.leadCrmIds ?? []]),
    );
  }
  const crmIds = inputs.map((input) => input.crmId);
  await resolveLinks(db, scope, "deal", crmIds);
  return ids;
}

/** Inserts or updates one page of leads or deals; returns their ids by CRM id. */
async function upsertRecords(
  db: Database,
  scope: SyncScope,
  table: "leads" | "deals",
  columns: BulkColumn[],
): Promise<Map<string, string>> {
  const names = columns.map(([name]) => name);
  const rows = await selectRows<{ id: string; crm_id: string }>(
    db,
    sql`
    insert into ${sql.raw(table)} (workspace_id, connection_id, crm, ${sql.raw(names.join(", "))})
    select ${scope.workspaceId}, ${scope.connectionId}::uuid, ${scope.crm}, u.* from (${unnestRows(columns)}) u
    on conflict (connection_id, crm_id) do update set ${recordUpdate(names.filter((name) => name !== "crm_id"))}
    returning id, crm_id`,
  );
  return new Map(rows.map((row) => [row.crm_id, row.id]));
}

async function writeChanges(
  db: Database,
  workspaceId: string,
  entityKind: "lead" | "deal",
  inputs: { crmId: string; changes: PropertyChangeInput[] }[],
  ids: Map<string, string>,
  replaceProperties: string[] | undefined,
) {
  if (replaceProperties?.length) {
    // By row address found through index probes per entity: planned as a join, this scanned the table per page.
    await db.execute(sql`
      delete from property_changes where ctid = any(array(
        select p.ctid from unnest(${sql.param([...ids.values()])}::uuid[]) as e(id)
        cross join lateral (select pc.ctid from property_changes pc
          where pc.entity_id = e.id and ${anyOf(sql`pc.property`, "text", replaceProperties)} ${KEEP_LATERAL}) p))`);
  }
  const rows = inputs.flatMap((input): ChangeRow[] => {
    const entityId = ids.get(input.crmId);
    if (!entityId) return [];
    return input.changes.map((change) => ({
      entityKind,
      entityId,
      property: change.property,
      value: change.value,
      changedAt: change.at,
      provenance: change.provenance,
      previousValue: change.previousValue ?? null,
    }));
  });
  await insertChanges(db, workspaceId, rows);
}

/** Replaces the CRM-id links owned by these records (the other side keeps its own). */
async function replaceLinks(db: Database, scope: SyncScope, owner: "lead" | "deal", links: [string, string[]][]) {
  const ownerColumn = sql.raw(owner === "lead" ? "lead_crm_id" : "deal_crm_id");
  const ownerIds = links.map(([crmId]) => crmId);
  await db.execute(sql`
    delete from crm_lead_deal_links
    where connection_id = ${scope.connectionId} and ${anyOf(ownerColumn, "text", ownerIds)}`);
  const pairs = links.flatMap(([crmId, others]) => [...new Set(others)].map((other) => [crmId, other] as const));
  if (pairs.length > 0) {
    const own = pairs.map(([crmId]) => crmId);
    const other = pairs.map(([, otherId]) => otherId);
    await db.execute(sql`
      insert into crm_lead_deal_links (workspace_id, connection_id, lead_crm_id, deal_crm_id)
      select ${scope.workspaceId}, ${scope.connectionId}::uuid, u.lead_crm_id, u.deal_crm_id from (${unnestRows([
        ["lead_crm_id", "text", owner === "lead" ? own : other],
        ["deal_crm_id", "text", owner === "lead" ? other : own],
      ])}) u
      on conflict do nothing`);
  }
  // Resolved links whose CRM link is gone.
  const ownerTable = sql.raw(owner === "lead" ? "leads" : "deals");
  const ownerKey = sql.raw(owner === "lead" ? "ld.lead_id" : "ld.deal_id");
  await db.execute(sql`
    delete from lead_deals ld using ${ownerTable} o
    where ${ownerKey} = o.id and o.connection_id = ${scope.connectionId} and ${anyOf(sql`o.crm_id`, "text", ownerIds)}
      and not exists (
        select 1 from crm_lead_deal_links l
        join leads le on le.connection_id = l.connection_id and le.crm_id = l.lead_crm_id
        join deals de on de.connection_id = l.connection_id and de.crm_id = l.deal_crm_id
        where l.connection_id = ${scope.connectionId} and le.id = ld.lead_id and de.id = ld.deal_id)`);
}

/** Resolves the CRM-id links of these leads or deals to lead_deals rows, where both sides are synced. */
async function resolveLinks(db: Database, scope: SyncScope, side: "lead" | "deal", crmIds: string[]) {
  const column = sql.raw(side === "lead" ? "lead_crm_id" : "deal_crm_id");
  // Lateral index probes per id, in this order: planned from statistics, a join here scanned every link of the
  // connection, and with another connection's rows in the statistics it looped over every lead per link.
  await db.execute(sql`
    insert into lead_deals (workspace_id, lead_id, deal_id)
    select ${scope.workspaceId}, le.id, de.id from unnest(${sql.param(crmIds)}::text[]) as w(crm_id)
    cross join lateral (select l.lead_crm_id, l.deal_crm_id from crm_lead_deal_links l
      where l.connection_id = ${scope.connectionId} and l.${column} = w.crm_id ${KEEP_LATERAL}) l
    cross join lateral (select t.id from leads t
      where t.connection_id = ${scope.connectionId} and t.crm_id = l.lead_crm_id ${KEEP_LATERAL}) le
    cross join lateral (select t.id from deals t
      where t.connection_id = ${scope.connectionId} and t.crm_id = l.deal_crm_id ${KEEP_LATERAL}) de
    on conflict do nothing`);
}

/** Upserts activities; the lead is linked when it is already synced (else when it arrives). */
export async function upsertActivities(db: Database, scope: SyncScope, inputs: ActivityInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  await db.execute(sql`
    insert into activities
      (workspace_id, connection_id, crm_id, lead_crm_id, lead_id, kind, direction, automated, occurred_at, owner_crm_id)
    select ${scope.workspaceId}, ${scope.connectionId}::uuid, u.crm_id, u.lead_crm_id, l.id, u.kind, u.direction,
      u.automated, u.occurred_at, u.owner_crm_id
    from (${unnestRows([
      ["crm_id", "text", inputs.map((input) => input.crmId)],
      ["lead_crm_id", "text", inputs.map((input) => input.leadCrmId)],
      ["kind", "text", inputs.map((input) => input.kind)],
      ["direction", "text", inputs.map((input) => input.direction)],
      ["automated", "boolean", inputs.map((input) => input.automated)],
      ["occurred_at", "timestamptz", inputs.map((input) => input.occurredAt)],
      ["owner_crm_id", "text", inputs.map((input) => input.ownerCrmId)],
    ])}) u
    left join lateral (select id from leads l where l.connection_id = ${scope.connectionId}
      and l.crm_id = u.lead_crm_id ${KEEP_LATERAL}) l on true
    on conflict (connection_id, crm_id) do update set lead_crm_id = excluded.lead_crm_id, lead_id = excluded.lead_id,
      kind = excluded.kind, direction = excluded.direction, automated = excluded.automated,
      occurred_at = excluded.occurred_at, owner_crm_id = excluded.owner_crm_id, deleted_at = null`);
  return inputs.length;
}

export async function upsertOwners(db: Database, scope: SyncScope, inputs: OwnerInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insert(owners)
    .values(inputs.map((input) => ({ workspaceId: scope.workspaceId, connectionId: scope.connectionId, ...input })))
    .onConflictDoUpdate({
      target: [owners.connectionId, owners.crmId],
      set: { name: excluded("name"), email: excluded("email"), team: excluded("team") },
    });
}

export async function upsertPipelineStages(
  db: Database,
  scope: SyncScope,
  inputs: PipelineStageInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insert(pipelineStages)
    .values(inputs.map((input) => ({ workspaceId: scope.workspaceId, connectionId: scope.connectionId, ...input })))
    .onConflictDoUpdate({
      target: [pipelineStages.connectionId, pipelineStages.pipelineId, pipelineStages.stageId],
      set: {
        label: excluded("label"),
        probability: excluded("probability"),
        isClosed: excluded("is_closed"),
        displayOrder: excluded("display_order"),
      },
    });
}

/** Marks records the CRM deleted (archived); returns the ids of those we held. */
export async function markDeleted(
  db: Database,
  scope: SyncScope,
  object: "lead" | "deal" | "activity",
  removals: { crmId: string; at: Date; mergedIntoCrmId?: string | undefined }[],
): Promise<string[]> {
  // The last word on a record wins, as when they were applied one by one.
  const latest = [...new Map(removals.map((removal) => [removal.crmId, removal])).values()];
  const table = sql.raw(object === "lead" ? "leads" : object === "deal" ? "deals" : "activities");
  const merged = object === "activity" ? sql`` : sql`, merged_into_crm_id = coalesce(u.merged, t.merged_into_crm_id)`;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`
    update ${table} t set deleted_at = u.at ${merged}
    from (${unnestRows([
      ["crm_id", "text", latest.map((removal) => removal.crmId)],
      ["at", "timestamptz", latest.map((removal) => removal.at)],
      ["merged", "text", latest.map((removal) => removal.mergedIntoCrmId ?? null)],
    ])}) u
    where t.connection_id = ${scope.connectionId} and t.crm_id = u.crm_id
    returning t.id`,
  );
  return rows.map((row) => row.id);
}

/** Live CRM ids of a connection's object: a full sync deletes those it did not see. */
export async function listLiveCrmIds(
  db: Database,
  params: { connectionId: string; object: "lead" | "deal" },
): Promise<string[]> {
  const table = params.object === "lead" ? leads : deals;
  const rows = await db
    .select({ crmId: table.crmId })
    .from(table)
    .where(and(eq(table.connectionId, params.connectionId), isNull(table.deletedAt)));
  return rows.map((row) => row.crmId);
}

/** End of a full sync: leads and deals the sync did not see since `since` are gone from the CRM. */
export async function sweepUnseen(
  db: Database,
  scope: SyncScope,
  since: Date,
): Promise<{ leadIds: string[]; dealIds: string[] }> {
  const sweep = async (table: typeof leads | typeof deals) => {
    const rows = await db
      .update(table)
      .set({ deletedAt: sql`now()` })
      .where(
        and(eq(table.connectionId, scope.connectionId), isNull(table.deletedAt), sql`${table.syncedAt} < ${since}`),
      )
      .returning({ id: table.id });
    return rows.map((row) => row.id);
  };
  return { leadIds: await sweep(leads), dealIds: await sweep(deals) };
}

/** One lead or deal row by CRM id, deleted or merged ones included (tests, support). */
export async function findCrmRecord(
  db: Database,
  params: { connectionId: string; object: "lead" | "deal"; crmId: string },
): Promise<{ id: string; deletedAt: Date | null; mergedIntoCrmId: string | null } | undefined> {
  const table = params.object === "lead" ? leads : deals;
  const [row] = await db
    .select({ id: table.id, deletedAt: table.deletedAt, mergedIntoCrmId: table.mergedIntoCrmId })
    .from(table)
    .where(and(eq(table.connectionId, params.connectionId), eq(table.crmId, params.crmId)));
  return row;
}
