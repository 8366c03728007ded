import type { CrmKind } from "@revops/core";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { activities, deals, leads, owners, pipelineStages, propertyChanges } from "../schema/crm-records.ts";
import { crmLeadDealLinks } from "../schema/sync.ts";

/** Which connection a page of records belongs to. */
export interface SyncScope {
  workspaceId: string;
  connectionId: string;
  crm: CrmKind;
}

import type {
  ActivityInput,
  DealInput,
  LeadInput,
  OwnerInput,
  PipelineStageInput,
  PropertyChangeInput,
} from "@revops/core";

export type { ActivityInput, DealInput, LeadInput, OwnerInput, PipelineStageInput, PropertyChangeInput };

const excluded = (column: string) => sql.raw(`excluded.${column}`);
const list = (values: string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
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
  const rows = await db
    .insert(leads)
    .values(
      inputs.map((input) => ({
        workspaceId: scope.workspaceId,
        connectionId: scope.connectionId,
        crm: scope.crm,
        crmId: input.crmId,
        name: input.name,
        email: input.email,
        ownerCrmId: input.ownerCrmId,
        serviceLineRaw: input.serviceLineRaw,
        sourceRaw: input.sourceRaw,
        tier: input.tier,
        createdAtCrm: input.createdAt,
        modifiedAtCrm: input.modifiedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [leads.connectionId, leads.crmId],
      set: {
        name: excluded("name"),
        email: excluded("email"),
        ownerCrmId: excluded("owner_crm_id"),
        serviceLineRaw: excluded("service_line_raw"),
        sourceRaw: excluded("source_raw"),
        tier: excluded("tier"),
        createdAtCrm: excluded("created_at_crm"),
        modifiedAtCrm: excluded("modified_at_crm"),
        deletedAt: sql`null`,
        mergedIntoCrmId: sql`null`,
        syncedAt: sql`now()`,
      },
    })
    .returning({ id: leads.id, crmId: leads.crmId });
  const ids = new Map(rows.map((row) => [row.crmId, row.id]));
  await writeChanges(db, scope.workspaceId, "lead", inputs, ids, options.replaceProperties);
  const crmIds = inputs.map((input) => input.crmId);
  // Activities that arrived before their lead.
  await db
    .update(activities)
    .set({
      leadId: sql`(select l.id from leads l where l.connection_id = ${scope.connectionId} and l.crm_id = ${activities.leadCrmId})`,
    })
    .where(
      and(
        eq(activities.connectionId, scope.connectionId),
        inArray(activities.leadCrmId, crmIds),
        isNull(activities.leadId),
      ),
    );
  const owned = inputs.filter((input) => input.dealCrmIds !== undefined);
  if (owned.length > 0) {
    await replaceLinks(
      db,
      scope,
      "lead",
      owned.map((input) => [input.crmId, input.dealCrmIds ?? []]),
    );
  }
  await resolveLinks(db, scope, sql`l.lead_crm_id in (${list(crmIds)})`);
  return ids;
}

export async function upsertDeals(
  db: Database,
  scope: SyncScope,
  inputs: DealInput[],
  options: { replaceProperties?: string[] } = {},
): Promise<Map<string, string>> {
  if (inputs.length === 0) return new Map();
  const rows = await db
    .insert(deals)
    .values(
      inputs.map((input) => ({
        workspaceId: scope.workspaceId,
        connectionId: scope.connectionId,
        crm: scope.crm,
        crmId: input.crmId,
        name: input.name,
        pipelineId: input.pipelineId,
        ownerCrmId: input.ownerCrmId,
        serviceLineRaw: input.serviceLineRaw,
        sourceRaw: input.sourceRaw,
        createdAtCrm: input.createdAt,
        modifiedAtCrm: input.modifiedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [deals.connectionId, deals.crmId],
      set: {
        name: excluded("name"),
        pipelineId: excluded("pipeline_id"),
        ownerCrmId: excluded("owner_crm_id"),
        serviceLineRaw: excluded("service_line_raw"),
        sourceRaw: excluded("source_raw"),
        createdAtCrm: excluded("created_at_crm"),
        modifiedAtCrm: excluded("modified_at_crm"),
        deletedAt: sql`null`,
        mergedIntoCrmId: sql`null`,
        syncedAt: sql`now()`,
      },
    })
    .returning({ id: deals.id, crmId: deals.crmId });
  const ids = new Map(rows.map((row) => [row.crmId, row.id]));
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
  await resolveLinks(db, scope, sql`l.deal_crm_id in (${list(inputs.map((input) => input.crmId))})`);
  return ids;
}

async function writeChanges(
  db: Database,
  workspaceId: string,
  entityKind: "lead" | "deal",
  inputs: { crmId: string; changes: PropertyChangeInput[] }[],
  ids: Map<string, string>,
  replaceProperties: string[] | undefined,
) {
  const entityIds = [...ids.values()];
  if (replaceProperties?.length) {
    await db
      .delete(propertyChanges)
      .where(and(inArray(propertyChanges.entityId, entityIds), inArray(propertyChanges.property, replaceProperties)));
  }
  const values = inputs.flatMap((input) => {
    const entityId = ids.get(input.crmId);
    if (!entityId) return [];
    return input.changes.map((change) => ({
      workspaceId,
      entityKind,
      entityId,
      property: change.property,
      value: change.value,
      changedAt: change.at,
      provenance: change.provenance,
      previousValue: change.previousValue ?? null,
    }));
  });
  for (let start = 0; start < values.length; start += 2_000) {
    await db
      .insert(propertyChanges)
      .values(values.slice(start, start + 2_000))
      .onConflictDoNothing();
  }
}

/** Replaces the CRM-id links owned by these records (the other side keeps its own). */
async function replaceLinks(db: Database, scope: SyncScope, owner: "lead" | "deal", links: [string, string[]][]) {
  const ownerColumn = owner === "lead" ? crmLeadDealLinks.leadCrmId : crmLeadDealLinks.dealCrmId;
  const ownerIds = links.map(([crmId]) => crmId);
  await db
    .delete(crmLeadDealLinks)
    .where(and(eq(crmLeadDealLinks.connectionId, scope.connectionId), inArray(ownerColumn, ownerIds)));
  const rows = links.flatMap(([crmId, others]) =>
    [...new Set(others)].map((other) => ({
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      leadCrmId: owner === "lead" ? crmId : other,
      dealCrmId: owner === "lead" ? other : crmId,
    })),
  );
  if (rows.length > 0) await db.insert(crmLeadDealLinks).values(rows).onConflictDoNothing();
  // Resolved links whose CRM link is gone.
  const ownerTable = owner === "lead" ? sql`leads` : sql`deals`;
  const ownerKey = owner === "lead" ? sql`ld.lead_id` : sql`ld.deal_id`;
  await db.execute(sql`
    delete from lead_deals ld using ${ownerTable} o
    where ${ownerKey} = o.id and o.connection_id = ${scope.connectionId} and o.crm_id in (${list(ownerIds)})
      and not exists (
        select 1 from crm_lead_deal_links l
        join leads le on le.connection_id = l.connection_id and le.crm_id = l.lead_crm_id
        join deals de on de.connection_id = l.connection_id and de.crm_id = l.deal_crm_id
        where l.connection_id = ${scope.connectionId} and le.id = ld.lead_id and de.id = ld.deal_id)`);
}

async function resolveLinks(db: Database, scope: SyncScope, which: SQL) {
  await db.execute(sql`
    insert into lead_deals (workspace_id, lead_id, deal_id)
    select ${scope.workspaceId}, le.id, de.id from crm_lead_deal_links l
    join leads le on le.connection_id = l.connection_id and le.crm_id = l.lead_crm_id
    join deals de on de.connection_id = l.connection_id and de.crm_id = l.deal_crm_id
    where l.connection_id = ${scope.connectionId} and ${which}
    on conflict do nothing`);
}

export async function upsertActivities(db: Database, scope: SyncScope, inputs: ActivityInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  await db
    .insert(activities)
    .values(
      inputs.map((input) => ({
        workspaceId: scope.workspaceId,
        connectionId: scope.connectionId,
        crmId: input.crmId,
        leadCrmId: input.leadCrmId,
        leadId:
          input.leadCrmId === null
            ? null
            : sql`(select l.id from leads l where l.connection_id = ${scope.connectionId} and l.crm_id = ${input.leadCrmId})`,
        kind: input.kind,
        direction: input.direction,
        automated: input.automated,
        occurredAt: input.occurredAt,
        ownerCrmId: input.ownerCrmId,
      })),
    )
    .onConflictDoUpdate({
      target: [activities.connectionId, activities.crmId],
      set: {
        leadCrmId: excluded("lead_crm_id"),
        leadId: excluded("lead_id"),
        kind: excluded("kind"),
        direction: excluded("direction"),
        automated: excluded("automated"),
        occurredAt: excluded("occurred_at"),
        ownerCrmId: excluded("owner_crm_id"),
        deletedAt: sql`null`,
      },
    });
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
  const touched: string[] = [];
  for (const removal of removals) {
    if (object === "activity") {
      const rows = await db
        .update(activities)
        .set({ deletedAt: removal.at })
        .where(and(eq(activities.connectionId, scope.connectionId), eq(activities.crmId, removal.crmId)))
        .returning({ id: activities.id });
      touched.push(...rows.map((row) => row.id));
      continue;
    }
    const table = object === "lead" ? leads : deals;
    const rows = await db
      .update(table)
      .set({ deletedAt: removal.at, ...(removal.mergedIntoCrmId ? { mergedIntoCrmId: removal.mergedIntoCrmId } : {}) })
      .where(and(eq(table.connectionId, scope.connectionId), eq(table.crmId, removal.crmId)))
      .returning({ id: table.id });
    touched.push(...rows.map((row) => row.id));
  }
  return touched;
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

/**
 * Salesforce field history records changes, not the value a Lead was created with: that is the
 * OldValue of its first Status change, or its current Status when it never changed. Stored as a
 * `property` change at the creation time.
 */
export async function settleLeadCreationStatus(
  db: Database,
  scope: SyncScope,
  leadsToSettle: { crmId: string; currentStatus?: string | null }[],
): Promise<void> {
  if (leadsToSettle.length === 0) return;
  const crmIds = leadsToSettle.map((lead) => lead.crmId);
  const rows = await db
    .select({ id: leads.id, crmId: leads.crmId, createdAt: leads.createdAtCrm })
    .from(leads)
    .where(and(eq(leads.connectionId, scope.connectionId), inArray(leads.crmId, crmIds)));
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  const firstChanges = await db.execute<{ entity_id: string; previous_value: string | null }>(sql`
    select distinct on (entity_id) entity_id, previous_value from property_changes
    where entity_id in (${list(ids)}) and property = 'Status' and provenance = 'history'
    order by entity_id, changed_at asc`);
  const firstRows =
    (firstChanges as unknown as { rows?: { entity_id: string; previous_value: string | null }[] }).rows ?? [];
  const previous = new Map(firstRows.map((row) => [row.entity_id, row.previous_value]));
  const current = new Map(leadsToSettle.map((lead) => [lead.crmId, lead.currentStatus]));
  const settled = rows.flatMap((row) => {
    const value = previous.has(row.id) ? previous.get(row.id) : current.get(row.crmId);
    return value === undefined ? [] : [{ row, value }];
  });
  if (settled.length === 0) return;
  await db.delete(propertyChanges).where(
    and(
      inArray(
        propertyChanges.entityId,
        settled.map((s) => s.row.id),
      ),
      eq(propertyChanges.property, "Status"),
      eq(propertyChanges.provenance, "property"),
    ),
  );
  await db
    .insert(propertyChanges)
    .values(
      settled.map(({ row, value }) => ({
        workspaceId: scope.workspaceId,
        entityKind: "lead" as const,
        entityId: row.id,
        property: "Status",
        value,
        changedAt: row.createdAt,
        provenance: "property" as const,
      })),
    )
    .onConflictDoNothing();
}

/** Appends history rows that arrive apart from their record (Salesforce LeadHistory, OpportunityHistory). */
export async function appendPropertyChanges(
  db: Database,
  scope: SyncScope,
  entityKind: "lead" | "deal",
  rows: { crmId: string; change: PropertyChangeInput }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const table = entityKind === "lead" ? leads : deals;
  const crmIds = [...new Set(rows.map((row) => row.crmId))];
  const entities = await db
    .select({ id: table.id, crmId: table.crmId })
    .from(table)
    .where(and(eq(table.connectionId, scope.connectionId), inArray(table.crmId, crmIds)));
  const ids = new Map(entities.map((entity) => [entity.crmId, entity.id]));
  const values = rows.flatMap((row) => {
    const entityId = ids.get(row.crmId);
    if (!entityId) return [];
    return [
      {
        workspaceId: scope.workspaceId,
        entityKind,
        entityId,
        property: row.change.property,
        value: row.change.value,
        changedAt: row.change.at,
        provenance: row.change.provenance,
        previousValue: row.change.previousValue ?? null,
      },
    ];
  });
  for (let start = 0; start < values.length; start += 2_000) {
    await db
      .insert(propertyChanges)
      .values(values.slice(start, start + 2_000))
      .onConflictDoNothing();
  }
  return [...ids.values()];
}

/**
 * Values the sync saw now: where one differs from the entity's latest change of that property,
 * it is stored as an `observed` change at the record's modification time (spec §2 provenance).
 */
export async function recordObservedValues(
  db: Database,
  scope: SyncScope,
  entityKind: "lead" | "deal",
  observed: { crmId: string; at: Date; values: Record<string, string | null> }[],
): Promise<string[]> {
  if (observed.length === 0) return [];
  const table = entityKind === "lead" ? leads : deals;
  const entities = await db
    .select({ id: table.id, crmId: table.crmId })
    .from(table)
    .where(
      and(
        eq(table.connectionId, scope.connectionId),
        inArray(
          table.crmId,
          observed.map((o) => o.crmId),
        ),
      ),
    );
  const ids = new Map(entities.map((entity) => [entity.crmId, entity.id]));
  if (ids.size === 0) return [];
  const latest = await db.execute<{ entity_id: string; property: string; value: string | null }>(sql`
    select distinct on (entity_id, property) entity_id, property, value from property_changes
    where entity_id in (${list([...ids.values()])})
    order by entity_id, property, changed_at desc`);
  const rows =
    (latest as unknown as { rows?: { entity_id: string; property: string; value: string | null }[] }).rows ?? [];
  const known = new Map(rows.map((row) => [`${row.entity_id}|${row.property}`, row.value]));
  const values = observed.flatMap((o) => {
    const entityId = ids.get(o.crmId);
    if (!entityId) return [];
    return Object.entries(o.values).flatMap(([property, value]) => {
      const key = `${entityId}|${property}`;
      if (known.has(key) && known.get(key) === value) return [];
      if (!known.has(key) && value === null) return [];
      return [
        {
          workspaceId: scope.workspaceId,
          entityKind,
          entityId,
          property,
          value,
          changedAt: o.at,
          provenance: "observed" as const,
        },
      ];
    });
  });
  if (values.length > 0) await db.insert(propertyChanges).values(values).onConflictDoNothing();
  return [...new Set(values.map((v) => v.entityId))];
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
