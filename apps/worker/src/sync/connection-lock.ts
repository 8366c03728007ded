import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

// Release and renew only if the lock is still ours (it may have expired and been taken).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface ConnectionLock {
  /** False once the lock was lost (expired while the process stalled): the holder must stop. */
  held(): boolean;
  release(): Promise<void>;
}

/**
 * Two workers never sync one connection at once: a Redis lock with a TTL, renewed while held.
 * A SIGKILLed holder stops renewing and the lock frees itself after `ttlMs`.
 */
export async function acquireConnectionLock(
  redis: Redis,
  key: string,
  options: { ttlMs: number; waitMs: number },
): Promise<ConnectionLock | undefined> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const ok = await redis.set(key, token, "PX", options.ttlMs, "NX");
    if (ok === "OK") break;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, options.ttlMs / 3)));
  }
  let held = true;
  const timer = setInterval(
    () => {
      redis.eval(RENEW, 1, key, token, options.ttlMs).then(
        (renewed) => {
          if (Number(renewed) !== 1) held = false;
        },
        () => {},
      );
    },
    Math.max(100, Math.floor(options.ttlMs / 3)),
  );
  timer.unref();
  return {
    held: () => held,
    release: async () => {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
