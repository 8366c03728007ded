import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningSandbox } from "@revops/crm-sandbox";
import {
  createConnection,
  type DatabaseHandle,
  ensureWorkspace,
  listSyncRuns,
  migrateDatabase,
  openDatabase,
} from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { JobQueues, syncConnection } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createSecretBox, newKeyRingEntry } from "@revops/runtime";
import { expect, it } from "vitest";
import { databaseState, hubspotState, withoutEmails } from "../testing/sandbox-state.ts";
import { startTestSandbox } from "../testing/sync-harness.ts";

const workerEntry = fileURLToPath(new URL("../main.ts", import.meta.url));

function startWorkerProcess(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
} {
  const child = spawn(process.execPath, [workerEntry], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, exited: new Promise((resolve) => child.on("exit", resolve)), output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("a worker SIGKILLed mid-sync and restarted resumes: nothing lost, nothing duplicated", async () => {
  const keyRing = newKeyRingEntry();
  const testRedis = await createTestRedis();
  // The portal allows 40 requests per 10 s: the full sync takes long enough to be killed in the middle.
  const sandbox: RunningSandbox = await startTestSandbox({ leads: 600, limits: { hubspot: { perTenSeconds: 40 } } });
  // Postgres: the worker uses this test database; PGlite: a folder the worker owns while it runs.
  const testDatabase = await createTestDatabase();
  const dataDir = testDatabase.url ? undefined : mkdtempSync(join(tmpdir(), "revops-sync-kill-"));
  const open = async (): Promise<DatabaseHandle> =>
    testDatabase.url ? testDatabase : openDatabase({ dataDir: dataDir ?? "", url: undefined });
  const queues = new JobQueues(testRedis.redis, testRedis.prefix);
  let worker: ReturnType<typeof startWorkerProcess> | undefined;
  try {
    let setup = await open();
    await migrateDatabase(setup);
    await ensureWorkspace(setup.db, { id: "acme", name: "Acme" });
    const connection = await createConnection(setup.db, {
      workspaceId: "acme",
      crm: "hubspot",
      name: "HubSpot sandbox",
      settings: { baseUrl: sandbox.hubspot.baseUrl, requestsPerTenSeconds: 40 },
      credentials: createSecretBox(keyRing).seal(
        JSON.stringify({ kind: "private_app", token: sandbox.hubspot.privateAppToken }),
      ),
    });
    if (!testDatabase.url) await setup.close();
    const env = {
      ...(testDatabase.url ? { DATABASE_URL: testDatabase.url } : { DATA_DIR: dataDir }),
      QUEUE_PREFIX: testRedis.prefix,
      ENCRYPTION_KEYS: keyRing,
      // Short, so the restarted worker need not wait long; 1 s was within reach of an event-loop stall of a loaded machine (PGlite runs in-thread).
      SYNC_LOCK_TTL_MS: "3000",
    };
    worker = startWorkerProcess(env);
    const payload = {
      workspaceId: "acme",
      connectionId: connection.id,
      mode: "full" as const,
      reason: "manual" as const,
    };
    await queues.enqueue(syncConnection, payload);
    const lockKey = `${testRedis.prefix}:sync-lock:${connection.id}`;
    await until("the sync to start", async () => ((await testRedis.redis.exists(lockKey)) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    worker.child.kill("SIGKILL");
    await worker.exited;

    const restarted = startWorkerProcess(env);
    worker = restarted;
    // The retry (here an on-demand run) resumes the interrupted full sync from its committed cursor.
    const job = await queues.enqueue(syncConnection, { ...payload, mode: "incremental" });
    await until("the resumed sync to finish", async () => {
      const state = await job.getState();
      if (state === "failed") throw new Error(`resumed sync failed: ${restarted.output()}`);
      return state === "completed" ? true : undefined;
    });
    restarted.child.kill("SIGTERM");
    await restarted.exited;

    setup = await open();
    const expected = withoutEmails(await hubspotState(sandbox));
    expect(await databaseState(setup.db, "acme", ["lifecyclestage", "hs_lead_status"])).toEqual(expected);
    const runs = await listSyncRuns(setup.db, { workspaceId: "acme" });
    const [resumed, killed] = runs;
    expect(killed?.status).toBe("failed");
    expect(killed?.errors[0]?.message).toMatch(/interrupted/);
    expect(resumed).toMatchObject({ status: "succeeded", mode: "full" });
    // It resumed: the contacts committed before the kill were not read again.
    expect(resumed?.recordsByObject.contacts ?? 0).toBeLessThan(Object.keys(expected.leads).length);
    expect(killed?.pages ?? 0).toBeGreaterThan(0);
    if (!testDatabase.url) await setup.close();
  } finally {
    worker?.child.kill("SIGKILL");
    await queues.close();
    await sandbox.close();
    await testRedis.cleanup();
    await testDatabase.close();
  }
}, 180_000);
