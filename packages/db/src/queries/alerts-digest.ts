import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { digestRuns, digestSubscribers } from "../schema/alerts.ts";

export type DigestRunRow = typeof digestRuns.$inferSelect;

export async function listDigestSubscribers(db: Database, params: { workspaceId: string }): Promise<string[]> {
  const rows = await db
    .select({ email: digestSubscribers.email })
    .from(digestSubscribers)
    .where(eq(digestSubscribers.workspaceId, params.workspaceId))
    .orderBy(asc(digestSubscribers.email));
  return rows.map((row) => row.email);
}

export async function addDigestSubscriber(db: Database, params: { workspaceId: string; email: string }): Promise<void> {
  await db
    .insert(digestSubscribers)
    .values({ workspaceId: params.workspaceId, email: params.email.toLowerCase() })
    .onConflictDoNothing();
}

export async function removeDigestSubscriber(
  db: Database,
  params: { workspaceId: string; email: string },
): Promise<boolean> {
  const removed = await db
    .delete(digestSubscribers)
    .where(
      and(
        eq(digestSubscribers.workspaceId, params.workspaceId),
        eq(digestSubscribers.email, params.email.toLowerCase()),
      ),
    )
    .returning({ email: digestSubscribers.email });
  return removed.length > 0;
}

/**
 * Claims the digest of (workspace, week): the first caller gets the run, any later one (a retry
 * after success, a second worker, a scheduler firing twice) gets undefined. A run that failed,
 * or whose sender died (still `sending` after `staleMs`), can be claimed again.
 */
export async function claimDigestRun(
  db: Database,
  params: { workspaceId: string; week: string; now: Date; staleMs: number },
): Promise<DigestRunRow | undefined> {
  const staleBefore = new Date(params.now.getTime() - params.staleMs).toISOString();
  const [run] = await db
    .insert(digestRuns)
    .values({ workspaceId: params.workspaceId, week: params.week, startedAt: params.now })
    .onConflictDoUpdate({
      target: [digestRuns.workspaceId, digestRuns.week],
      set: { status: "sending", startedAt: params.now, lastError: null },
      setWhere: sql`${digestRuns.status} = 'failed' or (${digestRuns.status} = 'sending' and ${digestRuns.startedAt} < ${staleBefore}::timestamptz)`,
    })
    .returning();
  return run;
}

export async function finishDigestRun(
  db: Database,
  params: { workspaceId: string; runId: string; recipients: string[]; error: string | null; now: Date },
): Promise<void> {
  await db
    .update(digestRuns)
    .set(
      params.error === null
        ? { status: "sent", sentAt: params.now, recipients: params.recipients }
        : { status: "failed", lastError: params.error.slice(0, 1000) },
    )
    .where(and(eq(digestRuns.workspaceId, params.workspaceId), eq(digestRuns.id, params.runId)));
}

export function listDigestRuns(db: Database, params: { workspaceId: string }): Promise<DigestRunRow[]> {
  return db
    .select()
    .from(digestRuns)
    .where(eq(digestRuns.workspaceId, params.workspaceId))
    .orderBy(asc(digestRuns.week));
}
