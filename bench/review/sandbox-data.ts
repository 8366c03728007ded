// bench:review --data sandbox: the CRM sandbox (seed 7) serves a HubSpot portal from its own process and the
// real sync processor (`syncConnectionJob`) loads it into the bench database, then changes 1,000 contacts for a
// real incremental sync. The sync runs in the bench's process (an in-memory PGlite cannot be shared with a child).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseWorkerConfig } from "../../apps/worker/src/config.ts";
import type { WorkerDeps } from "../../apps/worker/src/deps.ts";
import { syncConnectionJob } from "../../apps/worker/src/processors/sync-connection.ts";
import { secretBoxOf } from "../../apps/worker/src/sync/secret-box.ts";
import { createConnection, type DatabaseHandle, listSyncRuns } from "../../packages/db/src/index.ts";
import { sampleBenchLeads } from "../../packages/db/src/testing/index.ts";
import { type JobPayload, type JobQueues, recomputeFacts } from "../../packages/queue/src/index.ts";
import type { Logger } from "../../packages/runtime/src/index.ts";
import { newKeyRingEntry } from "../../packages/runtime/src/index.ts";

/** The story's "now" (as bench:sync): the data ends here. */
export const SANDBOX_NOW = "2026-11-24T12:00:00Z";
/**
 * HubSpot's real limits (190 requests / 10 s, search 5 / s) make a 1M-lead full sync take about an hour.
 * Both sides are lifted for this bench only, without code changes: the sandbox portal's limits
 * (`startSandbox({ limits })`) and our connection's request budget (its `requestsPerTenSeconds` and
 * `searchesPerSecond` settings, as the demo does). bench:sync measures the sync at the real limits.
 */
const LIFTED = { perTenSeconds: 1_000_000, searchPerSecond: 10_000, daily: 100_000_000 };

export interface BenchSandbox {
  url: string;
  hubspot: { baseUrl: string; portalId: number; privateAppToken: string };
  /** Story generation + indexes until the sandbox answers (its own process). */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts the sandbox process (12 GB heap allowed: 1M leads need ~4-5 GB) and waits for its first line. */
export function startBenchSandbox(leads: number): Promise<BenchSandbox> {
  const args = JSON.stringify({ leads, now: SANDBOX_NOW, hubspotLimits: LIFTED });
  const script = fileURLToPath(new URL("./sandbox-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--max-old-space-size=12000", script, args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!out.includes("\n")) return;
      const ready = JSON.parse(out.split("\n")[0] ?? "") as Omit<BenchSandbox, "stop">;
      resolve({
        ...ready,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => reject(new Error(`the sandbox exited ${code} before it was ready`)));
  });
}

/** The worker's deps on the bench's database, Redis prefix and queues (a fresh key ring seals the token). */
export function benchWorkerDeps(params: {
  database: DatabaseHandle;
  redis: WorkerDeps["redis"];
  prefix: string;
  queues: JobQueues;
  logger: Logger;
}): WorkerDeps {
  return {
    config: parseWorkerConfig({ ENCRYPTION_KEYS: newKeyRingEntry(), QUEUE_PREFIX: params.prefix, LOG_LEVEL: "silent" }),
    database: params.database,
    redis: params.redis,
    queues: params.queues,
    logger: params.logger,
    workerId: `bench-${randomUUID().slice(0, 6)}`,
    startedAt: new Date(),
  };
}

/** A HubSpot connection of the workspace to the sandbox's portal, with the lifted request budget. */
export async function connectBenchSandbox(deps: WorkerDeps, sandbox: BenchSandbox, workspaceId: string) {
  const connection = await createConnection(deps.database.db, {
    workspaceId,
    crm: "hubspot",
    name: "HubSpot (CRM sandbox, seed 7)",
    settings: {
      baseUrl: sandbox.hubspot.baseUrl,
      portalId: sandbox.hubspot.portalId,
      requestsPerTenSeconds: LIFTED.perTenSeconds,
      searchesPerSecond: LIFTED.searchPerSecond,
    },
    credentials: secretBoxOf(deps.config).seal(
      JSON.stringify({ kind: "private_app", token: sandbox.hubspot.privateAppToken }),
    ),
  });
  return connection.id;
}

export interface BenchSync {
  ms: number;
  requests: number;
  records: Record<string, number>;
}

/** One sync through the real job processor; fails the bench unless it succeeded. */
export async function runBenchSync(
  deps: WorkerDeps,
  params: { workspaceId: string; connectionId: string; mode: "full" | "incremental" },
): Promise<BenchSync> {
  const started = performance.now();
  const outcome = await syncConnectionJob(deps, { ...params, reason: "manual" });
  const ms = performance.now() - started;
  const [run] = await listSyncRuns(deps.database.db, { ...params, limit: 1 });
  if (outcome.status !== "succeeded") throw new Error(`${params.mode} sync: ${outcome.status} ${outcome.detail}`);
  return { ms, requests: outcome.stats?.requests ?? 0, records: run?.recordsByObject ?? {} };
}

/**
 * Changes `count` contacts in the sandbox (a new lead status, one minute after the story's end) through its
 * admin endpoints; the contacts are picked across the whole history, as bench:review's SQL touch picks leads.
 */
export async function changeSandboxContacts(
  deps: WorkerDeps,
  sandbox: BenchSandbox,
  params: { workspaceId: string; count: number },
): Promise<number> {
  const leads = await sampleBenchLeads(deps.database.db, params);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
  };
  await post("clock", { advanceMs: 60_000 });
  for (const { crmId: id } of leads) {
    await post("mutate", { crm: "hubspot", objectType: "contacts", id, set: { hs_lead_status: "CONNECTED" } });
  }
  return leads.length;
}

/** The facts recompute the last incremental sync queued (what the worker would run next), taken off the queue. */
export async function takeQueuedRecompute(queues: JobQueues): Promise<JobPayload<typeof recomputeFacts>> {
  const jobs = await queues.queue(recomputeFacts.queue).getJobs(["waiting", "prioritized", "delayed"]);
  const job = jobs
    .filter((j) => j.name === recomputeFacts.name && j.data.all === false)
    .sort((a, b) => b.timestamp - a.timestamp)[0];
  if (!job) throw new Error("the incremental sync queued no facts recompute");
  await job.remove();
  return recomputeFacts.payload.parse(job.data);
}
