import { and, count, desc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import type { Database } from "../client.ts";
import { alerts } from "../schema/alerts.ts";
import type { AlertRow } from "./alerts-record.ts";

export interface AlertFilters {
  kind?: "at_risk" | "breached" | "escalated";
  ruleKey?: string;
  entityId?: string;
  ownerId?: string;
  acknowledged?: boolean;
  from?: Date;
  to?: Date;
}

function conditions(workspaceId: string, filters: AlertFilters): SQL | undefined {
  const parts: Array<SQL | undefined> = [eq(alerts.workspaceId, workspaceId)];
  if (filters.kind) parts.push(eq(alerts.kind, filters.kind));
  if (filters.ruleKey) parts.push(eq(alerts.ruleKey, filters.ruleKey));
  if (filters.entityId) parts.push(eq(alerts.entityId, filters.entityId));
  if (filters.ownerId) parts.push(eq(alerts.ownerId, filters.ownerId));
  if (filters.acknowledged === false) parts.push(isNull(alerts.acknowledgedAt));
  if (filters.from) parts.push(gte(alerts.dueAt, filters.from));
  if (filters.to) parts.push(lt(alerts.dueAt, filters.to));
  return and(...parts);
}

/** Newest first, paginated; `total` counts every match. */
export async function listAlerts(
  db: Database,
  params: { workspaceId: string; filters: AlertFilters; limit: number; offset: number },
): Promise<{ alerts: AlertRow[]; total: number }> {
  const where = conditions(params.workspaceId, params.filters);
  const rows = await db
    .select()
    .from(alerts)
    .where(where)
    .orderBy(desc(alerts.dueAt), desc(alerts.id))
    .limit(params.limit)
    .offset(params.offset);
  const [total] = await db.select({ total: count() }).from(alerts).where(where);
  return { alerts: rows, total: total?.total ?? 0 };
}

/** Marks an alert seen; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(
  db: Database,
  params: { workspaceId: string; alertId: string; by: string; now: Date },
): Promise<AlertRow | undefined> {
  const scope = and(eq(alerts.workspaceId, params.workspaceId), eq(alerts.id, params.alertId));
  await db
    .update(alerts)
    .set({ acknowledgedAt: params.now, acknowledgedBy: params.by })
    .where(and(scope, isNull(alerts.acknowledgedAt)));
  const [row] = await db.select().from(alerts).where(scope);
  return row;
}
