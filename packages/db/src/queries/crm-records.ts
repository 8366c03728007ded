import type { Activity, DealRecord, LeadRecord, PropertyChange } from "@revops/core";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Database } from "../client.ts";
import { activities, deals, leadDeals, leads, pipelineStages, propertyChanges } from "../schema/crm-records.ts";

/** Ids per query: far below the Postgres bind-parameter limit. */
const CHUNK = 5_000;

/** Stage properties of a lead (HubSpot lifecyclestage + hs_lead_status, Salesforce Status); the rest are not stages. */
const LEAD_STAGE_PROPERTIES = ["lifecyclestage", "hs_lead_status", "Status"];
const DEAL_STAGE_PROPERTIES = ["dealstage", "StageName"];
/** Salesforce has one stage list per org: its stages are stored under this pipeline id. */
export const SALESFORCE_PIPELINE_ID = "default";

async function inChunks<T>(ids: string[] | undefined, load: (filter: string[] | undefined) => Promise<T[]>) {
  if (ids === undefined) return load(undefined);
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) rows.push(...(await load(ids.slice(start, start + CHUNK))));
  return rows;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

async function changesOf(db: Database, workspaceId: string, kind: "lead" | "deal", ids: string[] | undefined) {
  return inChunks(ids, (chunk) => {
    const filters: SQL[] = [eq(propertyChanges.workspaceId, workspaceId), eq(propertyChanges.entityKind, kind)];
    if (chunk) filters.push(inArray(propertyChanges.entityId, chunk));
    return db
      .select()
      .from(propertyChanges)
      .where(and(...filters))
      .orderBy(asc(propertyChanges.changedAt));
  });
}

/** Live (not deleted, not merged away) leads of a workspace as the core model reads them. */
export async function loadLeadRecords(
  db: Database,
  params: { workspaceId: string; leadIds?: string[] },
): Promise<LeadRecord[]> {
  const rows = await inChunks(params.leadIds, (chunk) => {
    const filters: SQL[] = [
      eq(leads.workspaceId, params.workspaceId),
      isNull(leads.deletedAt),
      isNull(leads.mergedIntoCrmId),
    ];
    if (chunk) filters.push(inArray(leads.id, chunk));
    return db
      .select()
      .from(leads)
      .where(and(...filters));
  });
  if (rows.length === 0) return [];
  const ids = params.leadIds ? rows.map((row) => row.id) : undefined;
  const changes = groupBy(await changesOf(db, params.workspaceId, "lead", ids), (change) => change.entityId);
  const links = await inChunks(ids, (chunk) => {
    const filters: SQL[] = [
      eq(leadDeals.workspaceId, params.workspaceId),
      isNull(deals.deletedAt),
      isNull(deals.mergedIntoCrmId),
    ];
    if (chunk) filters.push(inArray(leadDeals.leadId, chunk));
    return db
      .select({ leadId: leadDeals.leadId, dealId: leadDeals.dealId })
      .from(leadDeals)
      .innerJoin(deals, eq(deals.id, leadDeals.dealId))
      .where(and(...filters));
  });
  const dealIdsByLead = groupBy(links, (link) => link.leadId);
  return rows.map((row) => ({
    id: row.id,
    crm: row.crm,
    connectionId: row.connectionId,
    crmId: row.crmId,
    createdAt: row.createdAtCrm,
    ownerId: row.ownerCrmId,
    serviceLineRaw: row.serviceLineRaw,
    sourceRaw: row.sourceRaw,
    tier: row.tier,
    stageChanges: (changes.get(row.id) ?? [])
      .filter((change) => LEAD_STAGE_PROPERTIES.includes(change.property))
      .map(toPropertyChange),
    dealIds: (dealIdsByLead.get(row.id) ?? []).map((link) => link.dealId).sort(),
  }));
}

/** Live deals of a workspace with stage, amount and close-date history and their pipeline's probabilities. */
export async function loadDealRecords(
  db: Database,
  params: { workspaceId: string; dealIds?: string[] },
): Promise<DealRecord[]> {
  const rows = await inChunks(params.dealIds, (chunk) => {
    const filters: SQL[] = [
      eq(deals.workspaceId, params.workspaceId),
      isNull(deals.deletedAt),
      isNull(deals.mergedIntoCrmId),
    ];
    if (chunk) filters.push(inArray(deals.id, chunk));
    return db
      .select()
      .from(deals)
      .where(and(...filters));
  });
  if (rows.length === 0) return [];
  const ids = params.dealIds ? rows.map((row) => row.id) : undefined;
  const changes = groupBy(await changesOf(db, params.workspaceId, "deal", ids), (change) => change.entityId);
  const links = await inChunks(ids, (chunk) => {
    const filters: SQL[] = [
      eq(leadDeals.workspaceId, params.workspaceId),
      isNull(leads.deletedAt),
      isNull(leads.mergedIntoCrmId),
    ];
    if (chunk) filters.push(inArray(leadDeals.dealId, chunk));
    return db
      .select({ leadId: leadDeals.leadId, dealId: leadDeals.dealId })
      .from(leadDeals)
      .innerJoin(leads, eq(leads.id, leadDeals.leadId))
      .where(and(...filters));
  });
  const leadIdsByDeal = groupBy(links, (link) => link.dealId);
  const stages = await db.select().from(pipelineStages).where(eq(pipelineStages.workspaceId, params.workspaceId));
  const probabilities = new Map<string, Record<string, number>>();
  for (const stage of stages) {
    const key = `${stage.connectionId}/${stage.pipelineId}`;
    const byStage = probabilities.get(key) ?? {};
    if (stage.probability !== null) byStage[stage.stageId] = stage.probability;
    probabilities.set(key, byStage);
  }
  return rows.map((row) => {
    const history = changes.get(row.id) ?? [];
    const pipelineKey = `${row.connectionId}/${row.pipelineId ?? SALESFORCE_PIPELINE_ID}`;
    return {
      id: row.id,
      crm: row.crm,
      connectionId: row.connectionId,
      crmId: row.crmId,
      pipelineId: row.pipelineId,
      createdAt: row.createdAtCrm,
      ownerId: row.ownerCrmId,
      serviceLineRaw: row.serviceLineRaw,
      sourceRaw: row.sourceRaw,
      leadIds: (leadIdsByDeal.get(row.id) ?? []).map((link) => link.leadId).sort(),
      stageChanges: history.filter((c) => DEAL_STAGE_PROPERTIES.includes(c.property)).map(toPropertyChange),
      amountChanges: history
        .filter((c) => c.property === "amount")
        .map((c) => ({ value: parseAmount(c.value), at: c.changedAt })),
      closeDateChanges: history
        .filter((c) => c.property === "closedate")
        .map((c) => ({ value: c.value === "" ? null : c.value, at: c.changedAt })),
      probabilityByStage: { ...(probabilities.get(pipelineKey) ?? {}) },
    };
  });
}

/** Calls, emails and meetings on live leads (first-touch candidates), oldest first. */
export async function loadActivities(
  db: Database,
  params: { workspaceId: string; leadIds?: string[] },
): Promise<Activity[]> {
  const rows = await inChunks(params.leadIds, (chunk) => {
    const filters: SQL[] = [eq(activities.workspaceId, params.workspaceId), isNull(activities.deletedAt)];
    if (chunk) filters.push(inArray(activities.leadId, chunk));
    return db
      .select()
      .from(activities)
      .where(and(...filters))
      .orderBy(asc(activities.occurredAt));
  });
  const result: Activity[] = [];
  for (const row of rows) {
    if (row.leadId === null) continue;
    result.push({
      id: row.id,
      crmId: row.crmId,
      leadId: row.leadId,
      kind: row.kind,
      direction: row.direction,
      automated: row.automated,
      at: row.occurredAt,
      ownerId: row.ownerCrmId,
    });
  }
  return result;
}

/** Ids of the live leads and deals of a workspace (recompute everything). */
export async function listWorkspaceEntityIds(
  db: Database,
  params: { workspaceId: string },
): Promise<{ leadIds: string[]; dealIds: string[] }> {
  const live = (table: typeof leads | typeof deals) =>
    and(eq(table.workspaceId, params.workspaceId), isNull(table.deletedAt), isNull(table.mergedIntoCrmId));
  const leadRows = await db.select({ id: leads.id }).from(leads).where(live(leads)).orderBy(asc(leads.id));
  const dealRows = await db.select({ id: deals.id }).from(deals).where(live(deals)).orderBy(asc(deals.id));
  return { leadIds: leadRows.map((row) => row.id), dealIds: dealRows.map((row) => row.id) };
}

function toPropertyChange(row: typeof propertyChanges.$inferSelect): PropertyChange {
  return { property: row.property, value: row.value, at: row.changedAt, provenance: row.provenance };
}

function parseAmount(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  const amount = Number(value);
  return Number.isFinite(amount) ? amount : null;
}
