import { recomputeFacts, refreshSlaClocks } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";
import type { Touched } from "./commit-page.ts";

/** Above this many touched records one "recompute all" job is cheaper than a list of ids. */
const MAX_IDS = 5_000;

/** After a sync committed data: facts, then SLA clocks, for the touched leads and deals. */
export async function enqueueRecompute(deps: WorkerDeps, workspaceId: string, touched: Touched, wasFull: boolean) {
  const count = touched.leadIds.size + touched.dealIds.size;
  if (count === 0) return;
  const all = wasFull || count > MAX_IDS;
  const ids = all ? { all: true } : { leadIds: [...touched.leadIds], dealIds: [...touched.dealIds], all: false };
  await deps.queues.enqueue(recomputeFacts, { workspaceId, ...ids, reason: "sync" });
  await deps.queues.enqueue(refreshSlaClocks, { workspaceId, ...ids });
}
