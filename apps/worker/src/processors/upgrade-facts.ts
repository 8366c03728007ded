import { FACTS_FORMAT, workspacesWithOldFacts } from "@revops/db";
import { recomputeFacts } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";

/**
 * At boot: a full recompute for every workspace whose facts predate the current layout (after
 * an upgrade added a facts table). Until it lands the review reads those workspaces' records.
 * One job per workspace and layout: restarts do not queue it twice.
 */
export async function upgradeOldFacts(deps: Pick<WorkerDeps, "database" | "queues" | "logger">): Promise<string[]> {
  const workspaces = await workspacesWithOldFacts(deps.database.db);
  for (const workspaceId of workspaces) {
    await deps.queues.enqueue(
      recomputeFacts,
      { workspaceId, all: true, reason: `facts-format-${FACTS_FORMAT}` },
      { jobId: `facts-format-${FACTS_FORMAT}-${workspaceId}` },
    );
  }
  if (workspaces.length > 0)
    deps.logger.info({ workspaces, format: FACTS_FORMAT }, "full recompute queued: facts layout changed");
  return workspaces;
}
