import type { DatabaseHandle } from "@revops/db";
import type { JobQueues } from "@revops/queue";
import type { Logger } from "@revops/runtime";
import type { Redis } from "ioredis";
import type { WorkerConfig } from "./config.ts";

/** What processors can use; built once at boot (or per test) and passed in. */
export interface WorkerDeps {
  config: WorkerConfig;
  database: DatabaseHandle;
  redis: Redis;
  queues: JobQueues;
  logger: Logger;
  workerId: string;
  startedAt: Date;
}
