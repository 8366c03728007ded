import type { RunningSandbox } from "@revops/crm-sandbox";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps.ts";
import { connectSandbox, createSyncTestDeps, startTestSandbox } from "../testing/sync-harness.ts";
import { syncConnectionJob } from "./sync-connection.ts";

describe("two workers, one CRM account", () => {
  let harness: Awaited<ReturnType<typeof createSyncTestDeps>> | undefined;
  let sandbox: RunningSandbox | undefined;
  let otherRedis: Redis | undefined;
  afterEach(async () => {
    otherRedis?.disconnect();
    await sandbox?.close();
    await harness?.close();
  });

  it("share one limit through Redis: together they never exceed the portal's budget", async () => {
    harness = await createSyncTestDeps();
    // The portal allows 20 requests per 10 s; two connections to it sync at once from two workers.
    sandbox = await startTestSandbox({ limits: { hubspot: { perTenSeconds: 20 } } });
    const first = harness.deps;
    otherRedis = new Redis(first.redis.options);
    const second: WorkerDeps = { ...first, redis: otherRedis, workerId: "second-worker" };
    const settings = { requestsPerTenSeconds: 20 };
    const a = await connectSandbox(first, sandbox, "hubspot", settings);
    const b = await connectSandbox(first, sandbox, "hubspot", settings);
    const started = Date.now();
    const [one, two] = await Promise.all([
      syncConnectionJob(first, { workspaceId: "acme", connectionId: a.id, mode: "full", reason: "manual" }),
      syncConnectionJob(second, { workspaceId: "acme", connectionId: b.id, mode: "full", reason: "manual" }),
    ]);
    const elapsed = Date.now() - started;
    expect([one.status, two.status]).toEqual(["succeeded", "succeeded"]);
    const requests = (one.stats?.requests ?? 0) + (two.stats?.requests ?? 0);
    expect(requests).toBeGreaterThan(30);
    // Not one request refused by the CRM: the shared limiter made them wait instead.
    expect((one.stats?.throttled ?? 0) + (two.stats?.throttled ?? 0)).toBe(0);
    expect((one.stats?.rateLimitWaits ?? 0) + (two.stats?.rateLimitWaits ?? 0)).toBeGreaterThan(0);
    // The floor the budget allows: everything past the first window waits for later windows.
    expect(elapsed).toBeGreaterThanOrEqual(Math.floor((requests - 1) / 20) * 10_000);
  }, 120_000);
});
