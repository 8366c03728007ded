import type { SyncPage } from "@revops/connectors";
import {
  appendPropertyChanges,
  commitWithoutFlushWait,
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

/** Above this many touched records one "recompute all" is cheaper than a list of ids (and memory stays flat). */
const MAX_IDS = 5_000;

/** Lead and deal ids whose facts changed; past MAX_IDS only "something changed" is kept. */
export class Touched {
  readonly leadIds = new Set<string>();
  readonly dealIds = new Set<string>();
  overflow = false;
  any = false;

  add(kind: "lead" | "deal", ids: Iterable<string>): void {
    for (const id of ids) {
      this.any = true;
      if (this.overflow) return;
      (kind === "lead" ? this.leadIds : this.dealIds).add(id);
      if (this.leadIds.size + this.dealIds.size > MAX_IDS) {
        this.overflow = true;
        this.leadIds.clear();
        this.dealIds.clear();
      }
    }
  }
}

/**
 * Writes pages (in order) and the cursors that cover them in one transaction: a crash before the commit
 * leaves the cursors where they were, so the pages are read again; after it, they are never re-read.
 */
export async function commitPages(
  db: Database,
  scope: SyncScope,
  pages: SyncPage[],
  touched: Touched,
  options: {
    /** Wait for the WAL flush: PGlite has no WAL writer, so an asynchronous commit stays in memory until a
     * synchronous one and a killed embedded worker would lose every page since (same data, but all re-read). */
    durable?: boolean;
    /** Written in the same transaction (the run's progress). */
    alsoInTransaction?: (tx: Database) => Promise<void>;
  } = {},
): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    if (!options.durable) await commitWithoutFlushWait(tx);
    for (const page of pages) await writePage(tx, scope, page, touched);
    // A later page's cursor replaces an earlier one's (null: removed), as writing them one by one would.
    const cursors = Object.assign({}, ...pages.map((page) => page.cursors ?? {}));
    if (Object.keys(cursors).length > 0) {
      await writeSyncCursors(tx, { workspaceId: scope.workspaceId, connectionId: scope.connectionId, cursors });
    }
    await options.alsoInTransaction?.(tx);
  });
}

async function writePage(tx: Database, scope: SyncScope, page: SyncPage, touched: Touched): Promise<void> {
  if (page.owners?.length) await upsertOwners(tx, scope, page.owners);
  if (page.stages?.length) await upsertPipelineStages(tx, scope, page.stages);
  if (page.leads?.records.length) {
    const ids = await upsertLeads(tx, scope, page.leads.records, { replaceProperties: page.leads.replaceProperties });
    touched.add("lead", ids.values());
  }
  if (page.deals?.records.length) {
    const ids = await upsertDeals(tx, scope, page.deals.records, { replaceProperties: page.deals.replaceProperties });
    touched.add("deal", ids.values());
  }
  if (page.leadHistory?.length) {
    touched.add("lead", await appendPropertyChanges(tx, scope, "lead", page.leadHistory));
  }
  if (page.dealHistory?.length) {
    touched.add("deal", await appendPropertyChanges(tx, scope, "deal", page.dealHistory));
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
    touched.add(page.observed.object, ids);
  }
  if (page.activities?.length) await upsertActivities(tx, scope, page.activities);
  for (const object of ["lead", "deal", "activity"] as const) {
    const removals = (page.removals ?? []).filter((removal) => removal.object === object);
    if (removals.length === 0) continue;
    const ids = await markDeleted(tx, scope, object, removals);
    if (object !== "activity") touched.add(object, ids);
  }
  if (page.sweepUnseenSince) {
    const swept = await sweepUnseen(tx, scope, page.sweepUnseenSince);
    touched.add("lead", swept.leadIds);
    touched.add("deal", swept.dealIds);
  }
  if (page.problems?.length) {
    await recordDataQualityProblems(tx, {
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      problems: page.problems,
    });
  }
}
