import { resolve } from "node:path";
import { parseConfig, sharedConfigFields } from "@revops/runtime";
import { z } from "zod";

/** Every setting of the worker, with its default and how to fix it when it is wrong. */
const workerConfigSchema = z.object({
  ...sharedConfigFields,
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe("jobs processed at once per queue, 1-64"),
  HEARTBEAT_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10_000)
    .describe("milliseconds between heartbeats, >= 1000"),
  PUBLIC_URL: z.url().optional().describe("the URL people open, e.g. https://revops.example.com (links in alerts)"),
  SLA_EVALUATE_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(60_000)
    .describe("milliseconds between SLA evaluations of a workspace, >= 1000"),
  SYNC_LOCK_TTL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30_000)
    .describe("milliseconds a crashed worker's CRM sync lock lives before another worker may resume, >= 1000"),
  CRM_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe("attempts per CRM request on 429/5xx/timeouts before the sync run fails, 1-50"),
});

export type WorkerConfig = ReturnType<typeof parseWorkerConfig>;

export function parseWorkerConfig(env: NodeJS.ProcessEnv) {
  const parsed = parseConfig(workerConfigSchema, env);
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: resolve(parsed.DATA_DIR),
    redisUrl: parsed.REDIS_URL,
    encryptionKeys: parsed.ENCRYPTION_KEYS,
    queuePrefix: parsed.QUEUE_PREFIX,
    concurrency: parsed.WORKER_CONCURRENCY,
    heartbeatEveryMs: parsed.HEARTBEAT_EVERY_MS,
    publicUrl: parsed.PUBLIC_URL ?? "http://127.0.0.1:3000",
    slaEvaluateEveryMs: parsed.SLA_EVALUATE_EVERY_MS,
    syncLockTtlMs: parsed.SYNC_LOCK_TTL_MS,
    syncLockWaitMs: 10 * 60_000,
    crmMaxAttempts: parsed.CRM_MAX_ATTEMPTS,
    logLevel: parsed.LOG_LEVEL,
    logPretty: parsed.LOG_PRETTY,
  };
}
