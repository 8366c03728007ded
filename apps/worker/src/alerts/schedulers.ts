import { listWorkspaces, type Workspace } from "@revops/db";
import { evaluateSla, type JobQueues, weeklyDigest } from "@revops/queue";

/** Monday 08:00 in the workspace zone (BullMQ cron with `tz`). */
export const DIGEST_PATTERN = "0 8 * * 1";

export const evaluateSchedulerId = (workspaceId: string) => `sla-evaluate-${workspaceId}`;
export const digestSchedulerId = (workspaceId: string) => `weekly-digest-${workspaceId}`;

/**
 * The SLA tick (every `evaluateEveryMs`) and the weekly digest of one workspace. Upserting is
 * idempotent: call it at boot and whenever a workspace is created or its zone changes.
 */
export async function upsertWorkspaceAlertSchedulers(
  queues: JobQueues,
  workspace: Pick<Workspace, "id" | "timezone">,
  options: { evaluateEveryMs: number },
): Promise<void> {
  const queue = queues.queue("alerts");
  const data = { workspaceId: workspace.id };
  await queue.upsertJobScheduler(
    evaluateSchedulerId(workspace.id),
    { every: options.evaluateEveryMs },
    { name: evaluateSla.name, data, opts: evaluateSla.options },
  );
  await queue.upsertJobScheduler(
    digestSchedulerId(workspace.id),
    { pattern: DIGEST_PATTERN, tz: workspace.timezone },
    { name: weeklyDigest.name, data, opts: weeklyDigest.options },
  );
}

/** When a workspace is deleted. */
export async function removeWorkspaceAlertSchedulers(queues: JobQueues, workspaceId: string): Promise<void> {
  const queue = queues.queue("alerts");
  await queue.removeJobScheduler(evaluateSchedulerId(workspaceId));
  await queue.removeJobScheduler(digestSchedulerId(workspaceId));
}

/** At worker boot: every workspace gets its schedulers. */
export async function upsertAlertSchedulers(deps: {
  database: { db: Parameters<typeof listWorkspaces>[0] };
  queues: JobQueues;
  config: { slaEvaluateEveryMs: number };
}): Promise<number> {
  const workspaces = await listWorkspaces(deps.database.db);
  for (const workspace of workspaces) {
    await upsertWorkspaceAlertSchedulers(deps.queues, workspace, { evaluateEveryMs: deps.config.slaEvaluateEveryMs });
  }
  return workspaces.length;
}
