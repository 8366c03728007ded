import { queueNames, writeWorkerHeartbeat } from "@revops/queue";
import type { WorkerDeps } from "../deps.ts";

/** Runs as a scheduled job, so a fresh heartbeat proves the worker takes jobs, not just that it runs. */
export async function recordHeartbeat(deps: WorkerDeps): Promise<void> {
  await writeWorkerHeartbeat(deps.redis, deps.config.queuePrefix, {
    workerId: deps.workerId,
    pid: process.pid,
    startedAt: deps.startedAt.toISOString(),
    beatAt: new Date().toISOString(),
    queues: [...queueNames],
  });
}
