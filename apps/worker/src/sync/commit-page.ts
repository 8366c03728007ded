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
    /**
     * The previous batch's commit, still in flight (only for pages `overlapKeys` accepts, beside pages it
     * accepted): their own rows are written meanwhile, the rest and the cursors once it has committed, so
     * the batches commit in order; it failing rolls this one back.
     */
    after?: Promise<void>;
  } = {},
): Promise<void> {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    if (!options.durable) await commitWithoutFlushWait(tx);
    if (options.after) {
      // Rows no other page in flight writes first, beside the previous batch; the rest once it has committed.
      for (const page of pages) await writeOwnRows(tx, scope, page, touched);
      await options.after;
      for (const page of pages) await writePage(tx, scope, page, touched, { ownRowsWritten: true });
    } else {
      for (const page of pages) await writePage(tx, scope, page, touched);
    }
    // A later page's cursor replaces an earlier one's (null: removed), as writing them one by one would.
    const cursors = Object.assign({}, ...pages.map((page) => page.cursors ?? {}));
    if (Object.keys(cursors).length > 0) {
      await writeSyncCursors(tx, { workspaceId: scope.workspaceId, connectionId: scope.connectionId, cursors });
    }
    await options.alsoInTransaction?.(tx);
  });
}

/**
 * Rows of a page that no other page in flight writes and whose look-ups read only committed rows: activities
 * and deal history, in pages that carry nothing else but pipeline stages and problems. Their keys (activity
 * CRM ids, history identities), or null for any other page: such a page never overlaps another.
 */
export function overlapKeys(pages: SyncPage[]): Set<string> | null {
  const keys = new Set<string>();
  for (const page of pages) {
    const { object, activities, dealHistory, stages, problems, cursors, records, ...rest } = page;
    if (Object.values(rest).some((value) => value !== undefined)) return null;
    for (const activity of activities ?? []) keys.add(`activity\0${activity.crmId}`);
    for (const { crmId, change } of dealHistory ?? []) {
      keys.add(`deal\0${crmId}\0${change.property}\0${change.at.getTime()}\0${change.value ?? ""}`);
    }
  }
  return keys;
}

const TABLE_OF = { lead: "leads", deal: "deals", activity: "activities" } as const;

/** The CRM record tables a page writes (for the planner statistics' refresh). */
export function tablesWritten(page: SyncPage): string[] {
  const tables: string[] = [];
  const withRecords = ["property_changes", "crm_lead_deal_links", "lead_deals"];
  if (page.leads?.records.length) tables.push("leads", "activities", ...withRecords);
  if (page.deals?.records.length) tables.push("deals", ...withRecords);
  if (page.leadHistory?.length || page.dealHistory?.length || page.settleLeadStatus?.length || page.observed) {
    tables.push("property_changes");
  }
  if (page.activities?.length) tables.push("activities");
  for (const removal of page.removals ?? []) tables.push(TABLE_OF[removal.object]);
  if (page.sweepUnseenSince) tables.push("leads", "deals");
  return tables;
}

/** The rows `overlapKeys` describes, written before the previous batch has committed. */
async function writeOwnRows(tx: Database, scope: SyncScope, page: SyncPage, touched: Touched): Promise<void> {
  if (page.dealHistory?.length) {
    touched.add("deal", await appendPropertyChanges(tx, scope, "deal", page.dealHistory));
  }
  if (page.activities?.length) await upsertActivities(tx, scope, page.activities);
}

async function writePage(
  tx: Database,
  scope: SyncScope,
  page: SyncPage,
  touched: Touched,
  { ownRowsWritten = false } = {},
): Promise<void> {
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
  if (page.dealHistory?.length && !ownRowsWritten) {
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
  if (page.activities?.length && !ownRowsWritten) await upsertActivities(tx, scope, page.activities);
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
