import type { AlertChannelRow } from "@revops/db";
import type { SecretBox } from "@revops/runtime";
import { alertContent, sendToChannel } from "../channels/send.ts";
import type { AlertMessage } from "./alert-message.ts";

/**
 * Sends a sample alert through a channel and reports the outcome instead of throwing, so the
 * dashboard can show "sent" or what to fix (e.g. `settings.host: SMTP server ... is unreachable`).
 */
export async function testSendChannel(
  channel: AlertChannelRow,
  box: SecretBox,
  options: { publicUrl: string; now?: Date },
): Promise<{ ok: boolean; message: string }> {
  const now = options.now ?? new Date();
  const message: AlertMessage = {
    workspaceId: channel.workspaceId,
    subject: `Test message from RevOps: channel "${channel.name}" works`,
    dashboardUrl: `${options.publicUrl.replace(/\/$/, "")}/alerts?workspace=${encodeURIComponent(channel.workspaceId)}`,
    items: [
      {
        alertId: "test",
        kind: "breached",
        ruleKey: "test",
        ruleName: "Test rule (no action needed)",
        entityKind: "lead",
        entityId: "test",
        entityName: "Sample lead",
        recordUrl: null,
        owner: "Sample owner",
        deadlineAt: now.toISOString(),
        lateness: "0 min late",
      },
    ],
  };
  const idempotencyKey = `test:${channel.id}:${now.getTime()}`;
  try {
    await sendToChannel(channel, box, alertContent(message, idempotencyKey), { idempotencyKey });
    return { ok: true, message: `Test message sent through ${channel.kind} channel "${channel.key}"` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
