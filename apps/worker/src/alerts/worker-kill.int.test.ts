import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  alerts,
  createAlertChannel,
  type DatabaseHandle,
  ensureWorkspace,
  migrateDatabase,
  openDatabase,
  replaceSlaClocks,
} from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { createTestRedis } from "@revops/queue/testing";
import { newKeyRingEntry } from "@revops/runtime";
import { expect, it } from "vitest";
import { sealChannelSecrets } from "../channels/send.ts";
import { firstTouchClock, startHttpReceiver } from "../testing/alert-harness.ts";
import { channelSecretBox } from "./secret-box.ts";

const workerMain = fileURLToPath(new URL("../main.ts", import.meta.url));
const OLD_CLOCKS = 12_000;
const FRESH_CLOCKS = 20;

/** `killOn`: SIGKILL the worker the moment this text shows in its output (no polling delay, so mid-tick). */
function runWorker(env: NodeJS.ProcessEnv, killOn?: string) {
  const child: ChildProcess = spawn(process.execPath, [workerMain], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
    if (killOn && output.includes(killOn) && child.exitCode === null) child.kill("SIGKILL");
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, output: () => output, exited };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Seeds: a webhook channel, 12k clocks breached days ago (recorded, not sent) and 20 fresh ones (sent). */
async function seed(handle: DatabaseHandle, keyRing: string, hookUrl: string, now: Date) {
  const db = handle.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  const box = channelSecretBox({ encryptionKeys: keyRing, dataDir: tmpdir() });
  await createAlertChannel(db, {
    workspaceId: "acme",
    channel: {
      key: "hook",
      name: "hook",
      kind: "webhook",
      settings: { url: hookUrl },
      secrets: sealChannelSecrets(box, { signingSecret: "0123456789abcdef" }),
    },
  });
  const clocks = [
    ...Array.from({ length: OLD_CLOCKS }, (_, i) =>
      firstTouchClock(`old-${i}`, now, { atRisk: -5000 + (i % 1000), deadline: -4000 + (i % 1000) }),
    ),
    ...Array.from({ length: FRESH_CLOCKS }, (_, i) => firstTouchClock(`fresh-${i}`, now, { atRisk: -3, deadline: -2 })),
  ];
  await replaceSlaClocks(db, { workspaceId: "acme", entityIds: null, clocks });
}

it("a worker SIGKILLed during a tick and restarted leaves no duplicate and no missing alert", async () => {
  const testRedis = await createTestRedis();
  const receiver = await startHttpReceiver();
  const keyRing = newKeyRingEntry();
  const testDb = process.env.TEST_DB === "postgres" ? await createTestDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "revops-kill-"));
  const open = async () => {
    if (testDb) return testDb;
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    return handle;
  };
  const env = {
    ...(testDb?.url ? { DATABASE_URL: testDb.url } : { DATA_DIR: dataDir }),
    QUEUE_PREFIX: testRedis.prefix,
    ENCRYPTION_KEYS: keyRing,
    LOG_LEVEL: "debug",
    SLA_EVALUATE_EVERY_MS: "1000",
  };
  let worker: ReturnType<typeof runWorker> | undefined;
  try {
    const seeding = await open();
    await seed(seeding, keyRing, `${receiver.url}/hook`, new Date());
    if (!testDb) await seeding.close();

    worker = runWorker(env, "sla batch recorded");
    await worker.exited;
    // The tick was cut short: its end-of-tick log never came.
    expect(worker.output()).not.toContain('"msg":"sla tick"');
    if (testDb) {
      const recorded = (await testDb.db.select({ id: alerts.id }).from(alerts)).length;
      expect(recorded).toBeGreaterThan(0);
      expect(recorded).toBeLessThan((OLD_CLOCKS + FRESH_CLOCKS) * 2);
    }

    worker = runWorker(env);
    const keys = () => new Set(receiver.received.map((r) => String(r.headers["idempotency-key"])));
    await until("every fresh alert delivered", () => keys().size === FRESH_CLOCKS * 2);
    // Late duplicates (a re-run tick, a re-enqueued delivery) would arrive within a few ticks.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    worker.child.kill("SIGTERM");
    await worker.exited;

    expect(receiver.received).toHaveLength(FRESH_CLOCKS * 2);
    const checking = await open();
    const rows = await checking.db.select({ entityId: alerts.entityId, kind: alerts.kind }).from(alerts);
    if (!testDb) await checking.close();
    const distinct = new Set(rows.map((r) => `${r.entityId}:${r.kind}`));
    expect(rows).toHaveLength((OLD_CLOCKS + FRESH_CLOCKS) * 2);
    expect(distinct.size).toBe(rows.length);
  } finally {
    if (worker?.child.exitCode === null) worker.child.kill("SIGKILL");
    await receiver.close();
    await testRedis.cleanup();
    await testDb?.close();
  }
}, 180_000);
