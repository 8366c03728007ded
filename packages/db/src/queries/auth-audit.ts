import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "../client.ts";
import { auditLog } from "../schema/auth.ts";

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Appends one entry to the audit log. Other services call this for their own changes
 * (connections, definitions); `detail` must never hold a secret.
 */
export async function recordAudit(
  db: Database,
  entry: {
    workspaceId: string | null;
    actor: string;
    action: string;
    target?: string;
    detail?: Record<string, unknown>;
  },
) {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? "",
    detail: entry.detail ?? {},
  });
}

/** The newest entries of one workspace first; `before` pages back by id. */
export function listAuditEntries(db: Database, params: { workspaceId: string; limit: number; before?: number }) {
  const scope = eq(auditLog.workspaceId, params.workspaceId);
  return db
    .select()
    .from(auditLog)
    .where(params.before === undefined ? scope : and(scope, lt(auditLog.id, params.before)))
    .orderBy(desc(auditLog.id))
    .limit(params.limit);
}
