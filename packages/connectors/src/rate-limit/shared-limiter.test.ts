import { createTestRedis } from "@revops/queue/testing";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { SharedLimiter } from "./shared-limiter.ts";

describe("shared limiter", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("keeps two workers together within one budget per rolling window", async () => {
    const test = await createTestRedis();
    const second = new Redis(test.redis.options);
    cleanups.push(async () => {
      second.disconnect();
      await test.cleanup();
    });
    const budget = { general: { limit: 10, windowMs: 500 } };
    const workers = [
      new SharedLimiter(test.redis, `${test.prefix}:acct`, budget),
      new SharedLimiter(second, `${test.prefix}:acct`, budget),
    ];
    const admitted: number[] = [];
    await Promise.all(
      workers.flatMap((limiter) =>
        Array.from({ length: 20 }, async () => {
          await limiter.acquire("general");
          admitted.push(Date.now());
        }),
      ),
    );
    admitted.sort((a, b) => a - b);
    expect(admitted).toHaveLength(40);
    // Any 11 consecutive admissions span at least one window.
    for (let i = 10; i < admitted.length; i++)
      expect((admitted[i] ?? 0) - (admitted[i - 10] ?? 0)).toBeGreaterThanOrEqual(480);
    // 40 requests at 10 per 500 ms need at least 1.5 s.
    expect((admitted.at(-1) ?? 0) - (admitted[0] ?? 0)).toBeGreaterThanOrEqual(1_450);
  });

  it("a pause (a 429 telling us to wait) holds every worker of the account", async () => {
    const test = await createTestRedis();
    cleanups.push(test.cleanup);
    const limiter = new SharedLimiter(test.redis, `${test.prefix}:acct`, { general: { limit: 100, windowMs: 1_000 } });
    await limiter.pause(300);
    const started = Date.now();
    await new SharedLimiter(test.redis, `${test.prefix}:acct`, { general: { limit: 100, windowMs: 1_000 } }).acquire(
      "general",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("counts a request from when its answer came back, so a late arrival cannot overfill the CRM's window", async () => {
    const test = await createTestRedis();
    cleanups.push(test.cleanup);
    const limiter = new SharedLimiter(test.redis, `${test.prefix}:acct`, { general: { limit: 1, windowMs: 300 } });
    const slow = await limiter.acquireSlot("general");
    await new Promise((resolve) => setTimeout(resolve, 400)); // the request is still on its way after a window
    await slow.release();
    const started = Date.now();
    await limiter.acquire("general");
    // The next request waits a whole window after the slow one was answered, not after it was admitted.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
