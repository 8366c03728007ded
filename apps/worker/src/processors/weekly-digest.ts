import { lastCompleteWeek } from "@revops/core";
import { claimDigestRun, findWorkspace, finishDigestRun, listAlertChannels, listDigestSubscribers } from "@revops/db";
import { buildDigest } from "../alerts/digest.ts";
import { renderDigest } from "../alerts/digest-render.ts";
import { channelSecretBox } from "../alerts/secret-box.ts";
import { sendToChannel } from "../channels/send.ts";
import type { WorkerDeps } from "../deps.ts";

/** A run still `sending` this long after it started belongs to a dead worker and may be taken over. */
const STALE_RUN_MS = 15 * 60_000;

/**
 * The Monday 08:00 digest of a workspace for the last complete week in its zone. The
 * (workspace, week) run row is claimed first, so a retry, a second worker or a scheduler firing
 * twice sends nothing more once it was sent. Email goes to the subscribers through the first
 * enabled email channel's SMTP server; Slack and webhook channels marked `digest` get the same content.
 */
export async function weeklyDigest(
  deps: WorkerDeps,
  payload: { workspaceId: string; week?: string | undefined },
  now = new Date(),
): Promise<{ status: "sent" | "already_sent"; week: string; recipients: string[] }> {
  const db = deps.database.db;
  const { workspaceId } = payload;
  const workspace = await findWorkspace(db, { workspaceId });
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const week = payload.week ?? lastCompleteWeek(now, workspace.timezone);
  const run = await claimDigestRun(db, { workspaceId, week, now, staleMs: STALE_RUN_MS });
  if (!run) return { status: "already_sent", week, recipients: [] };

  const box = channelSecretBox(deps.config);
  const failures: string[] = [];
  const delivered: string[] = [];
  try {
    const digest = await buildDigest(db, { workspaceId, week, now, publicUrl: deps.config.publicUrl });
    const content = renderDigest(digest);
    const channels = (await listAlertChannels(db, { workspaceId })).filter((c) => c.enabled);
    const subscribers = await listDigestSubscribers(db, { workspaceId });
    const mailer = channels.find((c) => c.kind === "email" && c.digest) ?? channels.find((c) => c.kind === "email");
    const targets = channels.filter((c) => c.digest && c.kind !== "email");
    if (subscribers.length > 0) {
      if (mailer) targets.unshift(mailer);
      else failures.push("no email channel to send the digest through: add an email channel (SMTP settings)");
    }
    for (const channel of targets) {
      const isMail = channel.kind === "email";
      try {
        await sendToChannel(channel, box, content, {
          idempotencyKey: `digest:${workspaceId}:${week}:${channel.id}`,
          ...(isMail ? { emailTo: subscribers } : {}),
        });
        delivered.push(isMail ? subscribers.join(", ") : `${channel.kind}:${channel.key}`);
      } catch (error) {
        failures.push(`${channel.key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }
  // Partly delivered counts as sent (no second copy to those who got it); the failures are kept on the run.
  const sentSomewhere = delivered.length > 0 || failures.length === 0;
  await finishDigestRun(db, {
    workspaceId,
    runId: run.id,
    recipients: delivered,
    error: sentSomewhere ? null : failures.join("; "),
    now: new Date(),
  });
  if (!sentSomewhere) throw new Error(`weekly digest ${week} of ${workspaceId} failed: ${failures.join("; ")}`);
  if (failures.length > 0) deps.logger.warn({ workspaceId, week, failures }, "weekly digest partly delivered");
  return { status: "sent", week, recipients: delivered };
}
