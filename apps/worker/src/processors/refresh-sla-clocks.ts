import { buildFacts, crmRecordUrl, slaClocks } from "@revops/core";
import {
  type Database,
  findWorkspace,
  linkedEntityIds,
  listWorkspaceEntityIds,
  loadActivities,
  loadDealRecords,
  loadLeadRecords,
  replaceSlaClocks,
  type SlaClockInput,
  slaEntityLabels,
} from "@revops/db";
import type { JobPayload, refreshSlaClocks as refreshSlaClocksJob } from "@revops/queue";
import { firstCheckAt } from "../alerts/clock-check.ts";
import { alertDefinitions } from "../alerts/definitions.ts";
import { upsertWorkspaceAlertSchedulers } from "../alerts/schedulers.ts";
import type { WorkerDeps } from "../deps.ts";

/** Entities per batch of a full refresh: bounds memory whatever the workspace size. */
const BATCH = 2_000;

const unique = (ids: Iterable<string>) => [...new Set(ids)];

/** Clocks of some leads and deals, derived from their records with core's SLA rules. */
async function clocksOf(
  db: Database,
  params: { workspaceId: string; leadIds: string[]; dealIds: string[] },
): Promise<SlaClockInput[]> {
  const { workspaceId } = params;
  const defs = await alertDefinitions(db, workspaceId);
  // A lead's transitions need its deals, a deal's segment its leads.
  const linked = await linkedEntityIds(db, params);
  const leads = await loadLeadRecords(db, {
    workspaceId,
    leadIds: unique([...params.leadIds, ...linked.leadsOfDeals]),
  });
  const deals = await loadDealRecords(db, {
    workspaceId,
    dealIds: unique([...params.dealIds, ...linked.dealsOfLeads]),
  });
  const activities = await loadActivities(db, { workspaceId, leadIds: params.leadIds });
  const facts = buildFacts({ leads, deals, activities, defs });
  const wanted = new Set([...params.leadIds, ...params.dealIds]);
  const labels = await slaEntityLabels(db, params);
  const clocks: SlaClockInput[] = [];
  for (const entity of facts.slaEntities) {
    if (!wanted.has(entity.entityId)) continue;
    const label = labels.get(entity.entityId);
    for (const rule of defs.slaRules) {
      for (const clock of slaClocks(rule, entity, defs)) {
        clocks.push({
          ...clock,
          nextCheckAt: firstCheckAt(clock),
          entityName: label?.name ?? null,
          ownerId: label?.ownerId ?? null,
          ownerName: label?.ownerName ?? null,
          recordUrl: label
            ? crmRecordUrl({
                crm: label.crm,
                settings: label.connectionSettings,
                recordType: label.entityKind,
                crmId: label.crmId,
              })
            : null,
        });
      }
    }
  }
  return clocks;
}

/**
 * The `alerts.refresh-clocks` job: replaces the clocks of the given entities (or all of the
 * workspace) after their facts changed. The next tick evaluates them; alerts already sent stay
 * sent (their unique key), and a clock stopped meanwhile no longer reaches its later thresholds.
 */
export async function refreshSlaClocks(
  deps: Pick<WorkerDeps, "database" | "logger" | "queues" | "config">,
  payload: JobPayload<typeof refreshSlaClocksJob>,
): Promise<{ clocks: number }> {
  const db = deps.database.db;
  const { workspaceId } = payload;
  // A workspace created (or re-zoned) after boot gets its schedulers with its first clocks.
  const workspace = await findWorkspace(db, { workspaceId });
  if (workspace) {
    await upsertWorkspaceAlertSchedulers(deps.queues, workspace, { evaluateEveryMs: deps.config.slaEvaluateEveryMs });
  }
  if (payload.all) {
    const ids = await listWorkspaceEntityIds(db, { workspaceId });
    const clocks: SlaClockInput[] = [];
    for (let i = 0; i < Math.max(ids.leadIds.length, ids.dealIds.length); i += BATCH) {
      const leadIds = ids.leadIds.slice(i, i + BATCH);
      const dealIds = ids.dealIds.slice(i, i + BATCH);
      clocks.push(...(await clocksOf(db, { workspaceId, leadIds, dealIds })));
    }
    await replaceSlaClocks(db, { workspaceId, entityIds: null, clocks });
    deps.logger.info({ workspaceId, clocks: clocks.length }, "sla clocks refreshed (all)");
    return { clocks: clocks.length };
  }
  const leadIds = payload.leadIds ?? [];
  const dealIds = payload.dealIds ?? [];
  const clocks = await clocksOf(db, { workspaceId, leadIds, dealIds });
  await replaceSlaClocks(db, { workspaceId, entityIds: [...leadIds, ...dealIds], clocks });
  return { clocks: clocks.length };
}
