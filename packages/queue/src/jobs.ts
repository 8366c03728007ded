import { z } from "zod";
import { defineJob } from "./define-job.ts";

/** Proves the worker is alive: it writes its heartbeat, which the status view reads. */
export const workerHeartbeat = defineJob({
  queue: "system",
  name: "worker.heartbeat",
  payload: z.object({}),
  options: { removeOnComplete: 10, removeOnFail: 100 },
});

export const allJobs = [workerHeartbeat] as const;
