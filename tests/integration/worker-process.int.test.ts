import { randomUUID } from "node:crypto";
import { createTestDatabase } from "@revops/db/testing";
import { readWorkerHeartbeats } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { expect, it } from "vitest";
import { runNode, tempDataDir, waitFor } from "../support/processes.ts";

it("the worker process takes scheduled jobs and exits cleanly within 10 s of SIGTERM", async () => {
  // Postgres: the worker connects to this test database; PGlite: the worker gets its own folder.
  const database = await createTestDatabase();
  const testRedis = await createTestRedis();
  const worker = runNode("apps/worker/src/main.ts", {
    ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: tempDataDir() }),
    QUEUE_PREFIX: testRedis.prefix,
    HEARTBEAT_EVERY_MS: "1000",
  });
  try {
    const beat = await waitFor(
      "a heartbeat",
      async () => (await readWorkerHeartbeats(testRedis.redis, testRedis.prefix)).live[0],
    );
    expect(beat.pid).toBe(worker.child.pid);
    const { code, ms } = await worker.stop("SIGTERM");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(worker.output()).toContain("worker stopped");
  } finally {
    await worker.stop("SIGKILL");
    await testRedis.cleanup();
    await database.close();
  }
});

it("a missing Redis is reported plainly, with the address tried and how to start it", async () => {
  const worker = runNode("apps/worker/src/main.ts", {
    REDIS_URL: "redis://127.0.0.1:1",
    QUEUE_PREFIX: `x-${randomUUID().slice(0, 6)}`,
  });
  const { code } = await worker.exited();
  expect(code).toBe(1);
  expect(worker.output()).toContain("Redis is not reachable at 127.0.0.1:1");
  expect(worker.output()).toContain("redis-server");
  expect(worker.output()).not.toMatch(/\n\s+at /);
});

it("bad configuration exits with code 2 and lists every invalid variable", async () => {
  const worker = runNode("apps/worker/src/main.ts", { WORKER_CONCURRENCY: "lots", DATABASE_URL: "mysql://nope" });
  const { code } = await worker.exited();
  expect(code).toBe(2);
  expect(worker.output()).toContain("WORKER_CONCURRENCY");
  expect(worker.output()).toContain("DATABASE_URL");
});
