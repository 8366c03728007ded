import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { alertChannels, alertDeliveries, alertDeliveryAlerts, alerts } from "../schema/alerts.ts";
import type { AlertRow } from "./alerts-record.ts";

export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;

/** A channel is flagged after this many failed attempts in a row (shown on the Connections page). */
export const CHANNEL_FLAG_AFTER_FAILURES = 5;

/**
 * Takes a delivery for sending: only one sender at a time, and a claim that lapses so a killed
 * worker's delivery is taken over. Undefined when delivered, failed for good, held, or claimed.
 */
export async function claimDelivery(
  db: Database,
  params: { workspaceId: string; deliveryId: string; now: Date; claimMs: number },
): Promise<AlertDeliveryRow | undefined> {
  const [claimed] = await db
    .update(alertDeliveries)
    .set({ status: "sending", claimedUntil: new Date(params.now.getTime() + params.claimMs), updatedAt: params.now })
    .where(
      and(
        eq(alertDeliveries.workspaceId, params.workspaceId),
        eq(alertDeliveries.id, params.deliveryId),
        or(isNull(alertDeliveries.notBefore), lte(alertDeliveries.notBefore, params.now)),
        or(
          eq(alertDeliveries.status, "pending"),
          and(eq(alertDeliveries.status, "sending"), lt(alertDeliveries.claimedUntil, params.now)),
        ),
      ),
    )
    .returning();
  return claimed;
}

export async function findDelivery(
  db: Database,
  params: { workspaceId: string; deliveryId: string },
): Promise<AlertDeliveryRow | undefined> {
  const [found] = await db
    .select()
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.workspaceId, params.workspaceId), eq(alertDeliveries.id, params.deliveryId)));
  return found;
}

/** The alerts one delivery carries, in a stable order. */
export function deliveryAlerts(db: Database, params: { workspaceId: string; deliveryId: string }): Promise<AlertRow[]> {
  return db
    .select({ alert: alerts })
    .from(alertDeliveryAlerts)
    .innerJoin(alerts, eq(alerts.id, alertDeliveryAlerts.alertId))
    .where(
      and(
        eq(alertDeliveryAlerts.workspaceId, params.workspaceId),
        eq(alertDeliveryAlerts.deliveryId, params.deliveryId),
      ),
    )
    .orderBy(asc(alerts.dueAt), asc(alerts.entityId))
    .then((rows) => rows.map((row) => row.alert));
}

/** A successful attempt: the delivery is done and the channel healthy again. */
export async function recordDeliverySuccess(
  db: Database,
  params: { workspaceId: string; delivery: AlertDeliveryRow; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(alertDeliveries)
      .set({
        status: "delivered",
        attempts: sql`${alertDeliveries.attempts} + 1`,
        deliveredAt: params.now,
        claimedUntil: null,
        lastError: null,
        updatedAt: params.now,
      })
      .where(and(eq(alertDeliveries.workspaceId, params.workspaceId), eq(alertDeliveries.id, params.delivery.id)));
    await tx
      .update(alertChannels)
      .set({ consecutiveFailures: 0, flaggedAt: null, lastSuccessAt: params.now })
      .where(and(eq(alertChannels.workspaceId, params.workspaceId), eq(alertChannels.id, params.delivery.channelId)));
  });
}

/**
 * A failed attempt: logged on the delivery (pending again, or failed for good after the last
 * attempt) and counted on the channel, which is flagged when it keeps failing.
 */
export async function recordDeliveryFailure(
  db: Database,
  params: { workspaceId: string; delivery: AlertDeliveryRow; error: string; now: Date; maxAttempts: number },
): Promise<{ final: boolean }> {
  const final = params.delivery.attempts + 1 >= params.maxAttempts;
  await db.transaction(async (tx) => {
    await tx
      .update(alertDeliveries)
      .set({
        status: final ? "failed" : "pending",
        attempts: sql`${alertDeliveries.attempts} + 1`,
        lastError: params.error.slice(0, 1000),
        claimedUntil: null,
        updatedAt: params.now,
      })
      .where(and(eq(alertDeliveries.workspaceId, params.workspaceId), eq(alertDeliveries.id, params.delivery.id)));
    await tx
      .update(alertChannels)
      .set({
        consecutiveFailures: sql`${alertChannels.consecutiveFailures} + 1`,
        lastError: params.error.slice(0, 1000),
        lastFailureAt: params.now,
        flaggedAt: sql`case when ${alertChannels.consecutiveFailures} + 1 >= ${CHANNEL_FLAG_AFTER_FAILURES}
          then coalesce(${alertChannels.flaggedAt}, ${params.now.toISOString()}::timestamptz) else ${alertChannels.flaggedAt} end`,
      })
      .where(and(eq(alertChannels.workspaceId, params.workspaceId), eq(alertChannels.id, params.delivery.channelId)));
  });
  return { final };
}

/**
 * Deliveries whose job may have been lost (worker killed after the tick committed, Redis
 * restarted): pending, due, and untouched for `staleMs`. Re-enqueuing them is safe (claims).
 */
export function strandedDeliveries(
  db: Database,
  params: { workspaceId: string; now: Date; staleMs: number; limit: number },
): Promise<Array<{ id: string }>> {
  const staleBefore = new Date(params.now.getTime() - params.staleMs);
  return db
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(
      and(
        eq(alertDeliveries.workspaceId, params.workspaceId),
        or(
          and(eq(alertDeliveries.status, "pending"), lt(alertDeliveries.updatedAt, staleBefore)),
          and(eq(alertDeliveries.status, "sending"), lt(alertDeliveries.claimedUntil, params.now)),
        ),
        or(isNull(alertDeliveries.notBefore), lte(alertDeliveries.notBefore, params.now)),
      ),
    )
    .limit(params.limit);
}

/** Delivery rows of the given alerts with their channel (Alerts page: status per channel). */
export function deliveriesOfAlerts(db: Database, params: { workspaceId: string; alertIds: string[] }) {
  if (params.alertIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      alertId: alertDeliveryAlerts.alertId,
      deliveryId: alertDeliveries.id,
      channelId: alertChannels.id,
      channelKey: alertChannels.key,
      channelKind: alertChannels.kind,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      lastError: alertDeliveries.lastError,
      notBefore: alertDeliveries.notBefore,
      deliveredAt: alertDeliveries.deliveredAt,
    })
    .from(alertDeliveryAlerts)
    .innerJoin(alertDeliveries, eq(alertDeliveries.id, alertDeliveryAlerts.deliveryId))
    .innerJoin(alertChannels, eq(alertChannels.id, alertDeliveries.channelId))
    .where(
      and(
        eq(alertDeliveryAlerts.workspaceId, params.workspaceId),
        inArray(alertDeliveryAlerts.alertId, params.alertIds),
      ),
    );
}
