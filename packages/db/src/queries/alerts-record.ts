import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import type { alerts } from "../schema/alerts.ts";
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

/** Rows per statement: each batch travels as one JSON parameter (a tick is a few statements, not thousands). */
const BATCH = 5_000;

const alertKey = (a: { ruleKey: string; entityId: string; cycleIndex: number; kind: string }) =>
  `${a.ruleKey}|${a.entityId}|${a.cycleIndex}|${a.kind}`;

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}

/** Inserts alerts never seen before; returns them (with their new ids) and nothing for the others. */
async function insertNewAlerts(db: Database, workspaceId: string, batch: NewAlert[], now: Date): Promise<AlertRow[]> {
  const json = JSON.stringify(
    batch.map((a) => ({
      rule_key: a.ruleKey,
      rule_name: a.ruleName,
      entity_kind: a.entityKind,
      entity_id: a.entityId,
      cycle_index: a.cycleIndex,
      kind: a.kind,
      due_at: a.dueAt.toISOString(),
      deadline_at: a.deadlineAt.toISOString(),
      entity_name: a.entityName,
      owner_id: a.ownerId,
      owner_name: a.ownerName,
      record_url: a.recordUrl,
    })),
  );
  const result = await db.execute(sql`
    insert into alerts (workspace_id, rule_key, rule_name, entity_kind, entity_id, cycle_index, kind, due_at,
      deadline_at, entity_name, owner_id, owner_name, record_url, created_at)
    select ${workspaceId}, r.rule_key, r.rule_name, r.entity_kind, r.entity_id, r.cycle_index, r.kind, r.due_at,
      r.deadline_at, r.entity_name, r.owner_id, r.owner_name, r.record_url, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as r(rule_key text, rule_name text, entity_kind text, entity_id text,
      cycle_index int, kind text, due_at timestamptz, deadline_at timestamptz, entity_name text, owner_id text,
      owner_name text, record_url text)
    on conflict do nothing
    returning id, rule_key, entity_id, cycle_index, kind`);
  const byKey = new Map(batch.map((a) => [alertKey(a), a]));
  return rowsOf(result).flatMap((row) => {
    const alert = byKey.get(
      alertKey({
        ruleKey: String(row.rule_key),
        entityId: String(row.entity_id),
        cycleIndex: Number(row.cycle_index),
        kind: String(row.kind),
      }),
    );
    if (!alert) return [];
    return [{ ...alert, id: String(row.id), workspaceId, createdAt: now, acknowledgedAt: null, acknowledgedBy: null }];
  });
}

async function insertDeliveries(db: Database, workspaceId: string, plans: DeliveryPlan[]) {
  const json = JSON.stringify(
    plans.map((p) => ({
      channel_id: p.channelId,
      idempotency_key: p.idempotencyKey,
      not_before: p.notBefore?.toISOString() ?? null,
    })),
  );
  const created = rowsOf(
    await db.execute(sql`
      insert into alert_deliveries (workspace_id, channel_id, idempotency_key, not_before)
      select ${workspaceId}, r.channel_id, r.idempotency_key, r.not_before
      from jsonb_to_recordset(${json}::jsonb) as r(channel_id uuid, idempotency_key text, not_before timestamptz)
      on conflict do nothing
      returning id, idempotency_key`),
  );
  const byKey = new Map(plans.map((plan) => [plan.idempotencyKey, plan]));
  const deliveries: Array<{ id: string; notBefore: Date | null }> = [];
  const links: Array<{ delivery_id: string; alert_id: string }> = [];
  for (const row of created) {
    const plan = byKey.get(String(row.idempotency_key));
    if (!plan) continue;
    deliveries.push({ id: String(row.id), notBefore: plan.notBefore });
    for (const alertId of plan.alertIds) links.push({ delivery_id: String(row.id), alert_id: alertId });
  }
  if (links.length > 0) {
    await db.execute(sql`
      insert into alert_delivery_alerts (workspace_id, delivery_id, alert_id)
      select ${workspaceId}, r.delivery_id, r.alert_id
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as r(delivery_id uuid, alert_id uuid)`);
  }
  return deliveries;
}

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
    now?: Date;
  },
): Promise<{ inserted: AlertRow[]; deliveries: Array<{ id: string; notBefore: Date | null }> }> {
  const { workspaceId } = params;
  const now = params.now ?? new Date();
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const inserted: AlertRow[] = [];
    for (let i = 0; i < params.alerts.length; i += BATCH) {
      inserted.push(...(await insertNewAlerts(tx, workspaceId, params.alerts.slice(i, i + BATCH), now)));
    }
    const plans = params.planDeliveries(inserted);
    const deliveries: Array<{ id: string; notBefore: Date | null }> = [];
    for (let i = 0; i < plans.length; i += BATCH) {
      deliveries.push(...(await insertDeliveries(tx, workspaceId, plans.slice(i, i + BATCH))));
    }
    await recordClockChecks(tx, { workspaceId, checks: params.checks });
    return { inserted, deliveries };
  });
}
