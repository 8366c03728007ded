import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A real Redis connection and a key prefix no other test uses; cleanup deletes that prefix's keys. */
export async function createTestRedis(): Promise<{ redis: Redis; prefix: string; cleanup(): Promise<void> }> {
  const redis = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const prefix = `test-${randomUUID().slice(0, 12)}`;
  return {
    redis,
    prefix,
    cleanup: async () => {
      redis.disconnect();
      // A fresh connection: the test may have closed its own.
      const cleaner = new Redis(testRedisUrl);
      const keys = await cleaner.keys(`${prefix}:*`);
      if (keys.length > 0) await cleaner.del(...keys);
      cleaner.disconnect();
    },
  };
}
