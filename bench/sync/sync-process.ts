// One sync run in its own process, through the real job processor; prints one JSON line with its figures.
import { randomUUID } from "node:crypto";
import { parseWorkerConfig } from "../../apps/worker/src/config.ts";
import type { WorkerDeps } from "../../apps/worker/src/deps.ts";
import { syncConnectionJob } from "../../apps/worker/src/processors/sync-connection.ts";
import {
  createConnection,
  ensureWorkspace,
  listConnections,
  listSyncRuns,
  migrateDatabase,
  openDatabase,
} from "../../packages/db/src/index.ts";
import { connectRedis, JobQueues } from "../../packages/queue/src/index.ts";
import { createLogger, createSecretBox } from "../../packages/runtime/src/index.ts";

interface Args {
  crm: "hubspot" | "salesforce";
  mode: "full" | "incremental";
  databaseUrl?: string;
  dataDir: string;
  keyRing: string;
  queuePrefix: string;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
  /** A file for the statement and request timeline (bench:sync --profile). */
  profile?: string;
}
const args = JSON.parse(process.argv[2] ?? "{}") as Args;
if (args.profile) (await import("./profile.ts")).installProfile(args.profile);
const database = await openDatabase({ url: args.databaseUrl, dataDir: args.dataDir });
await migrateDatabase(database);
await ensureWorkspace(database.db, { id: "bench", name: "Bench" });
let connection = (await listConnections(database.db, { workspaceId: "bench" })).find((c) => c.crm === args.crm);
connection ??= await createConnection(database.db, {
  workspaceId: "bench",
  crm: args.crm,
  name: args.crm,
  settings: args.settings,
  credentials: createSecretBox(args.keyRing).seal(JSON.stringify(args.credentials)),
});
const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", () => {});
const queues = new JobQueues(redis, args.queuePrefix);
const deps: WorkerDeps = {
  config: parseWorkerConfig({
    ENCRYPTION_KEYS: args.keyRing,
    QUEUE_PREFIX: args.queuePrefix,
    DATA_DIR: args.dataDir,
    LOG_LEVEL: "silent",
  }),
  database,
  redis,
  queues,
  logger: createLogger({ level: "silent", pretty: false, name: "bench" }),
  workerId: `bench-${randomUUID().slice(0, 6)}`,
  startedAt: new Date(),
};
// What the process holds before syncing (modules, drivers, pools): the sync's own memory is above it.
const baselineRssMb = process.memoryUsage().rss / 1_048_576;
// RSS sampled during the run (the peak is also in resourceUsage().maxRSS).
const samples: number[] = [];
const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 250);
const started = performance.now();
const outcome = await syncConnectionJob(deps, {
  workspaceId: "bench",
  connectionId: connection.id,
  mode: args.mode,
  reason: "manual",
});
const wallMs = performance.now() - started;
clearInterval(sampler);
const [run] = await listSyncRuns(database.db, { workspaceId: "bench", connectionId: connection.id, limit: 1 });
console.log(
  JSON.stringify({
    status: outcome.status,
    wallMs,
    stats: outcome.stats,
    pages: run?.pages,
    recordsByObject: run?.recordsByObject,
    errors: run?.errors,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb,
    rssSamplesMb: samples.map((s) => Math.round(s / 1_048_576)),
  }),
);
await queues.close();
redis.disconnect();
await database.close();
process.exit(0);
