import type { Database } from "../client.ts";
import { alertDeliveries, alertDeliveryAlerts, alerts } from "../schema/alerts.ts";
import { type ClockCheck, recordClockChecks } from "./alerts-clocks.ts";

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = Omit<AlertRow, "id" | "workspaceId" | "createdAt" | "acknowledgedAt" | "acknowledgedBy">;

/** One message to plan: a channel and the alerts (one, or an owner's group) it carries. */
export interface DeliveryPlan {
  channelId: string;
  idempotencyKey: string;
  notBefore: Date | null;
  alertIds: string[];
}

const BATCH = 500;

/**
 * One SLA tick, atomically: the alerts (ON CONFLICT DO NOTHING, so only alerts never seen
 * before come back), the deliveries planned for those new alerts, and the clocks' next checks.
 * A worker killed mid-tick commits nothing, and the next tick redoes the same work.
 */
export async function recordSlaTick(
  db: Database,
  params: {
    workspaceId: string;
    alerts: NewAlert[];
    checks: ClockCheck[];
    planDeliveries: (inserted: AlertRow[]) => DeliveryPlan[];
  },
): Promise<{ inserted: AlertRow[]; deliveries: Array<{ id: string; notBefore: Date | null }> }> {
  const { workspaceId } = params;
  return db.transaction(async (tx) => {
    const inserted: AlertRow[] = [];
    for (let i = 0; i < params.alerts.length; i += BATCH) {
      const rows = params.alerts.slice(i, i + BATCH).map((alert) => ({ ...alert, workspaceId }));
      inserted.push(...(await tx.insert(alerts).values(rows).onConflictDoNothing().returning()));
    }
    const deliveries: Array<{ id: string; notBefore: Date | null }> = [];
    for (const plan of params.planDeliveries(inserted)) {
      const [delivery] = await tx
        .insert(alertDeliveries)
        .values({
          workspaceId,
          channelId: plan.channelId,
          idempotencyKey: plan.idempotencyKey,
          notBefore: plan.notBefore,
        })
        .onConflictDoNothing()
        .returning({ id: alertDeliveries.id });
      if (!delivery) continue;
      deliveries.push({ id: delivery.id, notBefore: plan.notBefore });
      await tx
        .insert(alertDeliveryAlerts)
        .values(plan.alertIds.map((alertId) => ({ workspaceId, deliveryId: delivery.id, alertId })));
    }
    await recordClockChecks(tx as unknown as Database, { workspaceId, checks: params.checks });
    return { inserted, deliveries };
  });
}
