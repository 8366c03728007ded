import {
  claimDelivery,
  deliveryAlerts,
  findAlertChannel,
  recordDeliveryFailure,
  recordDeliverySuccess,
} from "@revops/db";
import { deliverAlert as deliverAlertJob } from "@revops/queue";
import { alertMessage } from "../alerts/alert-message.ts";
import { channelSecretBox } from "../alerts/secret-box.ts";
import { alertContent, sendToChannel } from "../channels/send.ts";
import type { WorkerDeps } from "../deps.ts";

/** Longer than a send's timeouts, so a live sender keeps its claim; a dead one's lapses. */
const CLAIM_MS = 60_000;
const MAX_ATTEMPTS = deliverAlertJob.options.attempts ?? 6;

export class DeliveryAttemptError extends Error {}

/**
 * Sends one delivery to its channel. A failure is logged on the delivery and the channel, then
 * thrown so the queue retries with backoff; each channel has its own deliveries, so one failing
 * channel never holds up another. A delivered (or claimed, or held) delivery is left alone.
 */
export async function deliverAlert(
  deps: WorkerDeps,
  payload: { workspaceId: string; deliveryId: string },
  now = new Date(),
): Promise<{ status: "delivered" | "skipped" | "failed" }> {
  const { workspaceId, deliveryId } = payload;
  const db = deps.database.db;
  const delivery = await claimDelivery(db, { workspaceId, deliveryId, now, claimMs: CLAIM_MS });
  if (!delivery) return { status: "skipped" };
  const channel = await findAlertChannel(db, { workspaceId, channelId: delivery.channelId });
  const alerts = await deliveryAlerts(db, { workspaceId, deliveryId });
  try {
    if (!channel) throw new Error("the channel was deleted");
    const message = alertMessage({ workspaceId, alerts, publicUrl: deps.config.publicUrl, now });
    await sendToChannel(channel, channelSecretBox(deps.config), alertContent(message, delivery.idempotencyKey), {
      idempotencyKey: delivery.idempotencyKey,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const { final } = await recordDeliveryFailure(db, {
      workspaceId,
      delivery,
      error: reason,
      now: new Date(),
      maxAttempts: MAX_ATTEMPTS,
    });
    deps.logger.warn({ workspaceId, deliveryId, channel: channel?.key, err: reason, final }, "alert delivery failed");
    if (final) return { status: "failed" };
    throw new DeliveryAttemptError(reason);
  }
  await recordDeliverySuccess(db, { workspaceId, delivery, now: new Date() });
  return { status: "delivered" };
}
