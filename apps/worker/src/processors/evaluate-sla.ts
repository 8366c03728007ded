import type { SlaClock } from "@revops/core";
import {
  type AlertRow,
  type ClockCheck,
  dueSlaClocks,
  listAlertChannels,
  listAlertRuleSettings,
  type NewAlert,
  recordSlaTick,
  type SlaClockRow,
  strandedDeliveries,
} from "@revops/db";
import { deliverAlert } from "@revops/queue";
import { checkClock } from "../alerts/clock-check.ts";
import { alertDefinitions } from "../alerts/definitions.ts";
import { planDeliveries } from "../alerts/delivery-plan.ts";
import type { WorkerDeps } from "../deps.ts";

const CLOCKS_PER_BATCH = 5_000;
/** Bounds one tick; what is left is due again at the next tick. */
const MAX_BATCHES = 40;
/** An alert first seen more than a day after its threshold (history back-fill) is recorded, not sent. */
const SEND_IF_DUE_WITHIN_MS = 24 * 60 * 60_000;
/** A pending delivery untouched this long has lost its job (killed worker, Redis restart). */
const STRANDED_AFTER_MS = 2 * 60_000;

interface SlaTickResult {
  clocksChecked: number;
  alertsCreated: number;
  deliveriesCreated: number;
  deliveriesRequeued: number;
}

const toClock = (row: SlaClockRow): SlaClock => ({
  ruleKey: row.ruleKey,
  entityId: row.entityId,
  entityKind: row.entityKind,
  cycleIndex: row.cycleIndex,
  startAt: row.startAt,
  deadlineAt: row.deadlineAt,
  atRiskAt: row.atRiskAt,
  escalateAt: row.escalateAt,
  stoppedAt: row.stoppedAt,
});

/**
 * One SLA tick of a workspace: reads only clocks whose next threshold has come, records their
 * alerts exactly once (unique index, one transaction with the deliveries), then enqueues the
 * deliveries. Enqueuing after the commit is safe: a lost enqueue is found by the stranded sweep.
 */
export async function evaluateSla(deps: WorkerDeps, payload: { workspaceId: string }, now = new Date()) {
  const { workspaceId } = payload;
  const db = deps.database.db;
  const defs = await alertDefinitions(db, workspaceId);
  const rules = new Map(defs.slaRules.map((rule) => [rule.key, rule]));
  const channels = await listAlertChannels(db, { workspaceId });
  const settings = new Map((await listAlertRuleSettings(db, { workspaceId })).map((row) => [row.ruleKey, row]));
  const result: SlaTickResult = { clocksChecked: 0, alertsCreated: 0, deliveriesCreated: 0, deliveriesRequeued: 0 };

  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const clocks = await dueSlaClocks(db, { workspaceId, now, limit: CLOCKS_PER_BATCH });
    const newAlerts: NewAlert[] = [];
    const checks: ClockCheck[] = [];
    for (const row of clocks) {
      const rule = rules.get(row.ruleKey);
      const identity = {
        ruleKey: row.ruleKey,
        entityId: row.entityId,
        cycleIndex: row.cycleIndex,
        revision: row.revision,
      };
      // A rule removed from the definitions stops its clocks; its past alerts stay.
      if (!rule) {
        checks.push({ ...identity, state: "rule_removed", nextCheckAt: null });
        continue;
      }
      const check = checkClock(toClock(row), now);
      checks.push({ ...identity, state: check.state, nextCheckAt: check.nextCheckAt });
      for (const due of check.due) {
        newAlerts.push({
          ruleKey: row.ruleKey,
          ruleName: rule.name,
          entityKind: row.entityKind,
          entityId: row.entityId,
          cycleIndex: row.cycleIndex,
          kind: due.kind,
          dueAt: due.at,
          deadlineAt: row.deadlineAt,
          entityName: row.entityName,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          recordUrl: row.recordUrl,
        });
      }
    }
    const recorded = await recordSlaTick(db, {
      workspaceId,
      alerts: newAlerts,
      checks,
      planDeliveries: (inserted: AlertRow[]) =>
        planDeliveries({
          inserted,
          channels,
          defs,
          settings,
          now,
          sendIfDueAfter: new Date(now.getTime() - SEND_IF_DUE_WITHIN_MS),
        }),
    });
    await enqueueDeliveries(deps, workspaceId, recorded.deliveries, now);
    result.clocksChecked += clocks.length;
    result.alertsCreated += recorded.inserted.length;
    result.deliveriesCreated += recorded.deliveries.length;
    deps.logger.debug(
      { workspaceId, batch, clocks: clocks.length, alerts: recorded.inserted.length },
      "sla batch recorded",
    );
    if (clocks.length < CLOCKS_PER_BATCH) break;
  }

  const stranded = await strandedDeliveries(db, { workspaceId, now, staleMs: STRANDED_AFTER_MS, limit: 500 });
  const sweep = Math.floor(now.getTime() / STRANDED_AFTER_MS);
  for (const { id } of stranded) {
    await deps.queues.enqueue(
      deliverAlert,
      { workspaceId, deliveryId: id },
      { jobId: `delivery-${id}-sweep-${sweep}` },
    );
  }
  result.deliveriesRequeued = stranded.length;
  if (result.alertsCreated > 0 || stranded.length > 0) deps.logger.info({ workspaceId, ...result }, "sla tick");
  return result;
}

/** One round trip per batch; held deliveries (quiet hours) are delayed until the calendar opens. */
async function enqueueDeliveries(
  deps: WorkerDeps,
  workspaceId: string,
  deliveries: Array<{ id: string; notBefore: Date | null }>,
  now: Date,
) {
  if (deliveries.length === 0) return;
  await deps.queues.queue(deliverAlert.queue).addBulk(
    deliveries.map((delivery) => ({
      name: deliverAlert.name,
      data: deliverAlert.payload.parse({ workspaceId, deliveryId: delivery.id }),
      opts: {
        ...deliverAlert.options,
        jobId: `delivery-${delivery.id}`,
        delay: delivery.notBefore ? Math.max(0, delivery.notBefore.getTime() - now.getTime()) : 0,
      },
    })),
  );
}
