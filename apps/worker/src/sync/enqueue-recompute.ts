import { recomputeFacts, refreshSlaClocks } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";
import type { Touched } from "./commit-page.ts";

/** After a sync committed data: facts, then SLA clocks, for the touched leads and deals. */
export async function enqueueRecompute(deps: WorkerDeps, workspaceId: string, touched: Touched, wasFull: boolean) {
  if (!touched.any) return;
  const all = wasFull || touched.overflow;
  const ids = all ? { all: true } : { leadIds: [...touched.leadIds], dealIds: [...touched.dealIds], all: false };
  await deps.queues.enqueue(recomputeFacts, { workspaceId, ...ids, reason: "sync" });
  await deps.queues.enqueue(refreshSlaClocks, { workspaceId, ...ids });
}
