import type { SyncPage } from "@revops/connectors";
import {
  appendPropertyChanges,
  type Database,
  markDeleted,
  recordDataQualityProblems,
  recordObservedValues,
  type SyncScope,
  settleLeadCreationStatus,
  sweepUnseen,
  upsertActivities,
  upsertDeals,
  upsertLeads,
  upsertOwners,
  upsertPipelineStages,
  writeSyncCursors,
} from "@revops/db";

/** Lead and deal ids whose facts changed. */
export interface Touched {
  leadIds: Set<string>;
  dealIds: Set<string>;
}

/**
 * Writes one page and the cursors that cover it in one transaction: a crash before the commit
 * leaves the cursor where it was, so the page is read again; after it, the page is never re-read.
 */
export async function commitPage(db: Database, scope: SyncScope, page: SyncPage, touched: Touched): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    if (page.owners?.length) await upsertOwners(tx, scope, page.owners);
    if (page.stages?.length) await upsertPipelineStages(tx, scope, page.stages);
    if (page.leads?.records.length) {
      const ids = await upsertLeads(tx, scope, page.leads.records, { replaceProperties: page.leads.replaceProperties });
      for (const id of ids.values()) touched.leadIds.add(id);
    }
    if (page.deals?.records.length) {
      const ids = await upsertDeals(tx, scope, page.deals.records, { replaceProperties: page.deals.replaceProperties });
      for (const id of ids.values()) touched.dealIds.add(id);
    }
    if (page.leadHistory?.length) {
      for (const id of await appendPropertyChanges(tx, scope, "lead", page.leadHistory)) touched.leadIds.add(id);
    }
    if (page.dealHistory?.length) {
      for (const id of await appendPropertyChanges(tx, scope, "deal", page.dealHistory)) touched.dealIds.add(id);
    }
    if (page.settleLeadStatus?.length) {
      const current = page.currentLeadStatus ?? {};
      await settleLeadCreationStatus(
        tx,
        scope,
        page.settleLeadStatus.map((crmId) => (crmId in current ? { crmId, currentStatus: current[crmId] } : { crmId })),
      );
    }
    if (page.observed?.values.length) {
      const ids = await recordObservedValues(tx, scope, page.observed.object, page.observed.values);
      for (const id of ids) (page.observed.object === "lead" ? touched.leadIds : touched.dealIds).add(id);
    }
    if (page.activities?.length) await upsertActivities(tx, scope, page.activities);
    for (const object of ["lead", "deal", "activity"] as const) {
      const removals = (page.removals ?? []).filter((removal) => removal.object === object);
      if (removals.length === 0) continue;
      const ids = await markDeleted(tx, scope, object, removals);
      if (object === "lead") for (const id of ids) touched.leadIds.add(id);
      if (object === "deal") for (const id of ids) touched.dealIds.add(id);
    }
    if (page.sweepUnseenSince) {
      const swept = await sweepUnseen(tx, scope, page.sweepUnseenSince);
      for (const id of swept.leadIds) touched.leadIds.add(id);
      for (const id of swept.dealIds) touched.dealIds.add(id);
    }
    if (page.problems?.length) {
      await recordDataQualityProblems(tx, {
        workspaceId: scope.workspaceId,
        connectionId: scope.connectionId,
        problems: page.problems,
      });
    }
    if (page.cursors && Object.keys(page.cursors).length > 0) {
      await writeSyncCursors(tx, {
        workspaceId: scope.workspaceId,
        connectionId: scope.connectionId,
        cursors: page.cursors,
      });
    }
  });
}
