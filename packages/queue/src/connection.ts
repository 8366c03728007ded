import { Redis, type RedisOptions } from "ioredis";

export interface RedisSettings {
  url: string;
  /** Prefix of every BullMQ key: isolates tests and co-hosted installs. */
  prefix: string;
}

/**
 * A connection that retries forever with capped backoff: a Redis outage is logged and waited
 * out, never a crash loop. `maxRetriesPerRequest: null` is what BullMQ workers require.
 */
export function connectRedis(url: string, onError: (error: Error) => void, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    ...extra,
  });
  redis.on("error", onError);
  return redis;
}

/** Answers whether Redis responds within the timeout, without leaving a connection behind. */
export async function probeRedis(url: string, timeoutMs = 2_000): Promise<{ ok: true } | { ok: false; error: string }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  let lastError: string | undefined;
  redis.on("error", (error: Error) => {
    lastError ??= error.message;
  });
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: lastError ?? (error instanceof Error ? error.message : String(error)) };
  } finally {
    redis.disconnect();
  }
}
