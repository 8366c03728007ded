import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { connections } from "../schema/connections.ts";
import { type SyncProgress, type SyncRunError, type SyncRunStatus, syncCursors, syncRuns } from "../schema/sync.ts";

export type SyncRun = typeof syncRuns.$inferSelect;

/**
 * Starts a run. Runs of the connection still marked running were interrupted (the caller holds
 * the connection's lock, so nothing else is syncing it): they are closed as failed.
 */
export async function startSyncRun(
  db: Database,
  params: { workspaceId: string; connectionId: string; mode: "full" | "incremental"; reason: string; jobId?: string },
): Promise<SyncRun> {
  await db
    .update(syncRuns)
    .set({
      status: "failed",
      finishedAt: sql`now()`,
      errors: sql`${syncRuns.errors} || ${JSON.stringify([{ at: new Date().toISOString(), object: null, message: "interrupted (worker stopped); the next run resumed from the last committed page" }])}::jsonb`,
    })
    .where(and(eq(syncRuns.connectionId, params.connectionId), eq(syncRuns.status, "running")));
  const [run] = await db
    .insert(syncRuns)
    .values({ ...params, status: "running", heartbeatAt: sql`now()` })
    .returning();
  if (!run) throw new Error("sync run was not created");
  return run;
}

export async function recordSyncProgress(
  db: Database,
  params: {
    runId: string;
    pages: number;
    recordsByObject: Record<string, number>;
    requests: number;
    retries: number;
    rateLimitWaits: number;
    rateLimitWaitMs: number;
    progress: SyncProgress;
  },
): Promise<void> {
  const { runId, ...values } = params;
  await db
    .update(syncRuns)
    .set({ ...values, rateLimitWaitMs: Math.round(values.rateLimitWaitMs), heartbeatAt: sql`now()` })
    .where(eq(syncRuns.id, runId));
}

export async function finishSyncRun(
  db: Database,
  params: { runId: string; status: Exclude<SyncRunStatus, "running" | "queued">; errors: SyncRunError[] },
): Promise<void> {
  await db
    .update(syncRuns)
    .set({ status: params.status, errors: params.errors, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(eq(syncRuns.id, params.runId));
}

export function listSyncRuns(
  db: Database,
  params: { workspaceId: string; connectionId?: string; limit?: number },
): Promise<SyncRun[]> {
  const filters = [eq(syncRuns.workspaceId, params.workspaceId)];
  if (params.connectionId) filters.push(eq(syncRuns.connectionId, params.connectionId));
  return db
    .select()
    .from(syncRuns)
    .where(and(...filters))
    .orderBy(desc(syncRuns.startedAt))
    .limit(params.limit ?? 50);
}

export async function findSyncRun(
  db: Database,
  params: { workspaceId: string; runId: string },
): Promise<SyncRun | undefined> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, params.workspaceId), eq(syncRuns.id, params.runId)));
  return run;
}

/** Data freshness: each connection's last successful sync (null when it never completed one). */
export async function syncFreshness(db: Database, params: { workspaceId: string }) {
  const rows = await db
    .select({
      connectionId: connections.id,
      name: connections.name,
      crm: connections.crm,
      status: connections.status,
      lastSyncAt: sql<
        Date | string | null
      >`(select max(r.finished_at) from sync_runs r where r.connection_id = ${sql.raw('"connections"."id"')} and r.status = 'succeeded')`,
      lastFullSyncAt: sql<
        Date | string | null
      >`(select max(r.finished_at) from sync_runs r where r.connection_id = ${sql.raw('"connections"."id"')} and r.status = 'succeeded' and r.mode = 'full')`,
    })
    .from(connections)
    .where(eq(connections.workspaceId, params.workspaceId));
  const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    ...row,
    lastSyncAt: asDate(row.lastSyncAt),
    lastFullSyncAt: asDate(row.lastFullSyncAt),
  }));
}

export async function readSyncCursors(
  db: Database,
  params: { connectionId: string },
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.select().from(syncCursors).where(eq(syncCursors.connectionId, params.connectionId));
  return new Map(rows.map((row) => [row.object, row.cursor]));
}

/** Writes cursors (null removes one); call inside the transaction that writes the data they cover. */
export async function writeSyncCursors(
  db: Database,
  params: { workspaceId: string; connectionId: string; cursors: Record<string, Record<string, unknown> | null> },
): Promise<void> {
  const entries = Object.entries(params.cursors);
  const removed = entries.filter(([, cursor]) => cursor === null).map(([object]) => object);
  if (removed.length > 0) {
    await db
      .delete(syncCursors)
      .where(and(eq(syncCursors.connectionId, params.connectionId), inArray(syncCursors.object, removed)));
  }
  const kept = entries.flatMap(([object, cursor]) => (cursor === null ? [] : [{ object, cursor }]));
  if (kept.length === 0) return;
  await db
    .insert(syncCursors)
    .values(kept.map((entry) => ({ workspaceId: params.workspaceId, connectionId: params.connectionId, ...entry })))
    .onConflictDoUpdate({
      target: [syncCursors.connectionId, syncCursors.object],
      set: { cursor: sql`excluded.cursor`, updatedAt: sql`now()` },
    });
}

/** The database's clock (one clock for every worker, whatever their hosts say). */
export async function databaseNow(db: Database): Promise<Date> {
  const result = (await db.execute(sql`select now() as now`)) as unknown as { rows: { now: Date | string }[] };
  return new Date(result.rows[0]?.now ?? Date.now());
}
