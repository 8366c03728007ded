import type { BuiltFacts, DealRecord, Definitions, LeadRecord } from "@revops/core";
import {
  buildFacts,
  cycleResponseFacts,
  dealCloseFacts,
  dealCloses,
  dealStateSpans,
  spanStallFacts,
} from "@revops/core";
import type { Database, StoredCycleFact, StoredDealFact, StoredSpanFact } from "@revops/db";
import {
  analyzeFacts,
  currentDefinitions,
  deleteOrphanFacts,
  linkedEntityIds,
  listWorkspaceEntityIds,
  loadActivities,
  loadDealRecords,
  loadLeadRecords,
  recordFactsRecompute,
  replaceFacts,
} from "@revops/db";
import type { JobPayload } from "@revops/queue";
import { type recomputeFacts, refreshSlaClocks } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";
import { recordUnmappedValues } from "./record-unmapped-values.ts";

/** Entities per batch of a full recompute: bounds memory whatever the workspace size. */
const BATCH = 2_000;

const unique = (ids: Iterable<string>) => [...new Set(ids)];

/**
 * Recomputes the facts of some leads and deals. A lead's facts depend on its deals
 * (deal stages reached through them) and a deal's on its leads (inherited service line),
 * so the closure of the changed ids is recomputed: leads of changed deals and deals of
 * changed leads. Only entities whose inputs are all loaded are written.
 */
export async function recomputeEntities(
  db: Database,
  params: { workspaceId: string; leadIds: string[]; dealIds: string[]; defs: Definitions; version: number },
): Promise<{
  leadIds: string[];
  dealIds: string[];
  unmapped: BuiltFacts["unmapped"];
  records: Map<string, LeadRecord | DealRecord>;
}> {
  const { workspaceId, defs } = params;
  const first = await linkedEntityIds(db, { workspaceId, leadIds: params.leadIds, dealIds: params.dealIds });
  const leadIds = unique([...params.leadIds, ...first.leadsOfDeals]);
  const dealIds = unique([...params.dealIds, ...first.dealsOfLeads]);
  const second = await linkedEntityIds(db, { workspaceId, leadIds, dealIds });
  const leadRecords = await loadLeadRecords(db, { workspaceId, leadIds: unique([...leadIds, ...second.leadsOfDeals]) });
  const dealRecords = await loadDealRecords(db, { workspaceId, dealIds: unique([...dealIds, ...second.dealsOfLeads]) });
  const activities = await loadActivities(db, { workspaceId, leadIds });
  const built = buildFacts({ leads: leadRecords, deals: dealRecords, activities, defs });

  const writeLeads = new Set(leadIds);
  const writeDeals = new Set(dealIds);
  const owners = new Map<string, string | null>();
  for (const record of [...leadRecords, ...dealRecords]) owners.set(record.id, record.ownerId);
  const cycles: StoredCycleFact[] = built.cycles
    .filter((c) => writeLeads.has(c.leadId))
    .map((c) => ({ ...c, ...cycleResponseFacts(c, defs), ownerCrmId: owners.get(c.leadId) ?? null }));
  const spans: StoredSpanFact[] = built.spans
    .filter((s) => (s.entityKind === "lead" ? writeLeads : writeDeals).has(s.entityId))
    .map((s) => ({ ...s, ...spanStallFacts(s, defs), ownerCrmId: owners.get(s.entityId) ?? null }));
  const deals: StoredDealFact[] = built.deals
    .filter((d) => writeDeals.has(d.deal.id))
    .map((d) => ({
      ...d,
      ...dealCloseFacts(d),
      stateSpans: dealStateSpans(d.deal, d.transitions),
      closes: dealCloses(d.deal, d.transitions),
    }));
  await replaceFacts(db, {
    workspaceId,
    leadIds,
    dealIds,
    definitionsVersion: params.version,
    timeZone: defs.timezone,
    cycles,
    spans,
    deals,
  });

  const records = new Map<string, LeadRecord | DealRecord>();
  for (const record of [...leadRecords, ...dealRecords]) records.set(record.id, record);
  const unmapped = built.unmapped.filter((u) => (u.object === "lead" ? writeLeads : writeDeals).has(u.recordId));
  return { leadIds, dealIds, unmapped, records };
}

/** The `metrics.recompute` job: facts of the given entities (or the whole workspace), then their SLA clocks. */
export async function recomputeFactsJob(
  deps: Pick<WorkerDeps, "database" | "queues" | "logger">,
  payload: JobPayload<typeof recomputeFacts>,
): Promise<{ leads: number; deals: number; definitionsVersion: number }> {
  const db = deps.database.db;
  const { workspaceId } = payload;
  const current = await currentDefinitions(db, { workspaceId });
  const all = payload.all ?? false;
  const ids = all
    ? await listWorkspaceEntityIds(db, { workspaceId })
    : { leadIds: payload.leadIds ?? [], dealIds: payload.dealIds ?? [] };
  const touchedLeads = new Set<string>();
  const touchedDeals = new Set<string>();
  const batches = Math.max(Math.ceil(ids.leadIds.length / BATCH), Math.ceil(ids.dealIds.length / BATCH), 1);
  for (let i = 0; i < batches; i++) {
    const result = await recomputeEntities(db, {
      workspaceId,
      leadIds: ids.leadIds.slice(i * BATCH, (i + 1) * BATCH),
      dealIds: ids.dealIds.slice(i * BATCH, (i + 1) * BATCH),
      defs: current.document,
      version: current.version,
    });
    // Statistics follow the growing tables (batches 1, 2, 4, 8, ...): stale ones made id lookups scan.
    if (all && ((i + 1) & i) === 0) await analyzeFacts(db);
    for (const id of result.leadIds) touchedLeads.add(id);
    for (const id of result.dealIds) touchedDeals.add(id);
    await recordUnmappedValues(db, {
      workspaceId,
      unmapped: result.unmapped,
      records: result.records,
      written: result,
    });
  }
  if (all) await deleteOrphanFacts(db, { workspaceId });
  await recordFactsRecompute(db, {
    workspaceId,
    definitionsVersion: current.version,
    timeZone: current.document.timezone,
    full: all,
  });
  await deps.queues.enqueue(
    refreshSlaClocks,
    all
      ? { workspaceId, all: true }
      : { workspaceId, leadIds: [...touchedLeads], dealIds: [...touchedDeals], all: false },
  );
  deps.logger.info(
    {
      workspaceId,
      leads: touchedLeads.size,
      deals: touchedDeals.size,
      version: current.version,
      reason: payload.reason,
    },
    "facts recomputed",
  );
  return { leads: touchedLeads.size, deals: touchedDeals.size, definitionsVersion: current.version };
}
