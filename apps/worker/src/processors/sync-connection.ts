import { CrmAuthError, newRequestStats, openCrm, type RequestStats, type SyncPage } from "@revops/connectors";
import {
  type Connection,
  databaseNow,
  findConnection,
  finishSyncRun,
  readSyncCursors,
  recordSyncProgress,
  type SyncRunError,
  setConnectionStatus,
  startSyncRun,
  updateConnection,
} from "@revops/db";
import type { JobPayload, syncConnection } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";
import { commitPages, overlapKeys, Touched, tablesWritten } from "../sync/commit-page.ts";
import { CommitPipeline } from "../sync/commit-pipeline.ts";
import { acquireConnectionLock, type ConnectionLock } from "../sync/connection-lock.ts";
import { enqueueRecompute } from "../sync/enqueue-recompute.ts";
import { PlannerStatistics } from "../sync/planner-statistics.ts";
import { readAhead } from "../sync/read-ahead.ts";
import { secretBoxOf } from "../sync/secret-box.ts";

interface Counts {
  pages: number;
  records: Record<string, number>;
}

export interface SyncOutcome {
  status: "succeeded" | "needs_reconnect" | "skipped";
  runId?: string;
  pages?: number;
  detail?: string;
  stats?: RequestStats;
}

/**
 * Syncs one connection: under the connection's lock, reads the CRM page by page and commits
 * each page with its cursor. A retried or restarted job resumes from the committed cursors.
 */
export async function syncConnectionJob(
  deps: WorkerDeps,
  payload: JobPayload<typeof syncConnection>,
): Promise<SyncOutcome> {
  const db = deps.database.db;
  const { workspaceId, connectionId } = payload;
  const connection = await findConnection(db, { workspaceId, connectionId });
  if (!connection) return { status: "skipped", detail: "the connection no longer exists" };
  if (connection.status === "needs_reconnect" && payload.reason !== "manual") {
    return { status: "skipped", detail: "the connection needs to be reconnected" };
  }
  const lock = await acquireConnectionLock(deps.redis, `${deps.config.queuePrefix}:sync-lock:${connectionId}`, {
    ttlMs: deps.config.syncLockTtlMs,
    waitMs: deps.config.syncLockWaitMs,
  });
  // BullMQ retries the job later; the other sync will have covered most of it by then.
  if (!lock) throw new Error(`connection ${connectionId} is being synced by another worker`);
  try {
    const cursors = await readSyncCursors(db, { connectionId });
    // Never synced: read through the list endpoints (cheaper than search); a full sync in progress resumes first.
    const mode = (cursors.size === 0 && !payload.touched) || cursors.has("full") ? "full" : payload.mode;
    return await runSync(deps, { ...payload, mode }, connection, cursors, lock);
  } finally {
    await lock.release().catch(() => {});
  }
}

async function runSync(
  deps: WorkerDeps,
  payload: JobPayload<typeof syncConnection>,
  connection: Connection,
  cursors: Map<string, Record<string, unknown>>,
  lock: ConnectionLock,
): Promise<SyncOutcome> {
  const db = deps.database.db;
  const { workspaceId, connectionId, mode } = payload;
  const log = deps.logger.child({ connectionId, workspaceId, mode, reason: payload.reason });
  const touched = new Touched();
  const run = await startSyncRun(db, { workspaceId, connectionId, mode, reason: payload.reason });
  const stats = newRequestStats();
  /** Pages and records by object of the batches committed so far. */
  let committed: Counts = { pages: 0, records: {} };
  const statistics = new PlannerStatistics(db);
  const pipeline = new CommitPipeline({ overlap: deps.database.kind === "postgres" });
  const progress = (page: SyncPage | null, { pages, records }: Counts, database = db) =>
    recordSyncProgress(database, {
      runId: run.id,
      pages,
      recordsByObject: records,
      requests: stats.requests,
      retries: stats.retries,
      rateLimitWaits: stats.rateLimitWaits,
      rateLimitWaitMs: stats.rateLimitWaitMs,
      progress: {
        object: page?.object ?? null,
        phase: mode,
        pages,
        records: Object.values(records).reduce((a, b) => a + b, 0),
      },
    });
  try {
    await setConnectionStatus(db, { workspaceId, connectionId, status: "syncing" });
    const box = secretBoxOf(deps.config);
    const credentials = box.open(connection.credentials);
    // Sealed with a key that is no longer the newest: seal again with the active key (key rotation).
    if (box.needsRotation(connection.credentials)) {
      await updateConnection(db, { workspaceId, connectionId, credentials: box.seal(credentials) });
    }
    const crm = openCrm({
      crm: connection.crm,
      settings: connection.settings,
      credentials: JSON.parse(credentials),
      redis: deps.redis,
      keyPrefix: deps.config.queuePrefix,
      stats,
      maxAttempts: deps.config.crmMaxAttempts,
    });
    const startedAt = await databaseNow(db);
    const scope = { workspaceId, connectionId, crm: connection.crm };
    /** Pages and records by object of the batches read so far (committed or in flight). */
    let read: Counts = { pages: 0, records: {} };
    for await (const batch of readAhead(crm.source.pages({ mode, cursors, touched: payload.touched, startedAt }))) {
      if (!lock.held()) throw new Error("lost the connection lock (the process stalled); stopping");
      const counts: Counts = { pages: read.pages + batch.length, records: { ...read.records } };
      for (const page of batch) counts.records[page.object] = (counts.records[page.object] ?? 0) + page.records;
      read = counts;
      await pipeline.submit(overlapKeys(batch), async (after) => {
        // The run's progress (and heartbeat) commits with the pages: one round trip and one commit fewer.
        await commitPages(db, scope, batch, touched, {
          durable: deps.database.kind === "pglite",
          alsoInTransaction: (tx) => progress(batch.at(-1) ?? null, counts, tx),
          ...(after ? { after } : {}),
        });
        committed = counts;
      });
      statistics.afterPage(
        batch.reduce((sum, page) => sum + page.records, 0),
        batch.flatMap((page) => tablesWritten(page)),
      );
    }
    await pipeline.drain();
    await statistics.settled();
    await progress(null, committed);
    await finishSyncRun(db, { runId: run.id, status: "succeeded", errors: [] });
    const discovered = crm.discoveredSettings();
    if (Object.entries(discovered).some(([key, value]) => connection.settings[key] !== value)) {
      await updateConnection(db, { workspaceId, connectionId, settings: { ...connection.settings, ...discovered } });
    }
    await setConnectionStatus(db, { workspaceId, connectionId, status: "ok" });
    log.info({ runId: run.id, pages: committed.pages, records: committed.records, ...stats }, "sync finished");
    return { status: "succeeded", runId: run.id, pages: committed.pages, stats };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const errors: SyncRunError[] = [{ at: new Date().toISOString(), object: null, message }];
    await pipeline.settled();
    await statistics.settled().catch(() => {});
    await progress(null, committed).catch(() => {});
    if (error instanceof CrmAuthError) {
      await finishSyncRun(db, { runId: run.id, status: "needs_reconnect", errors });
      await setConnectionStatus(db, { workspaceId, connectionId, status: "needs_reconnect", detail: message });
      log.warn({ runId: run.id, err: message }, "sync stopped: the connection needs to be reconnected");
      return { status: "needs_reconnect", runId: run.id, detail: message };
    }
    await finishSyncRun(db, { runId: run.id, status: "failed", errors });
    await setConnectionStatus(db, { workspaceId, connectionId, status: "error", detail: message });
    log.warn({ runId: run.id, err: message }, "sync failed; the retry resumes from the last committed page");
    throw error;
  } finally {
    // Whatever was committed (a whole run or part of one) gets its facts and clocks recomputed.
    await enqueueRecompute(deps, workspaceId, touched, mode === "full").catch((error: unknown) =>
      log.warn({ err: String(error) }, "could not enqueue the recompute"),
    );
  }
}
