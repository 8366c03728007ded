import type { Redis } from "ioredis";

/** A request budget: at most `limit` requests in any rolling `windowMs`. */
export interface Budget {
  limit: number;
  windowMs: number;
}

// Sliding-window log in Redis, with Redis's own clock so every worker agrees on "now".
// KEYS: window zset, pause key. ARGV: limit, windowMs, member. Returns 0 (admitted) or ms to wait.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return pause - now end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

// KEYS: pause key. ARGV: ms. Extends the pause, never shortens it.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return untilMs
`;

// KEYS: window zset. ARGV: member. Moves an admitted request's entry to "now" (its answer came back):
// the slot frees a whole window after the CRM saw the request, however late it arrived there.
const SETTLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
`;

/** An admitted request: release it when its answer (or failure) is back. */
export interface LimiterSlot {
  waitedMs: number;
  release(): Promise<void>;
}

/** What a limiter did, for the run's statistics. */
export interface LimiterWaits {
  waits: number;
  waitedMs: number;
}

/**
 * One limiter per CRM account, shared by every worker through Redis: N workers together never
 * exceed the account's budget. Buckets are named budgets (HubSpot: `general` and `search`).
 */
export class SharedLimiter {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #budgets: Record<string, Budget>;
  #sequence = 0;

  constructor(redis: Redis, accountKey: string, budgets: Record<string, Budget>) {
    this.#redis = redis;
    this.#key = accountKey;
    this.#budgets = budgets;
  }

  /** Waits until the bucket admits one request; returns how long it waited. */
  async acquire(bucket: string): Promise<number> {
    return (await this.acquireSlot(bucket)).waitedMs;
  }

  /**
   * Waits until the bucket admits one request. Releasing the slot when the answer is back counts
   * the request from then on: a request delayed on its way (a busy event loop, a slow network)
   * can never make the CRM see more than the budget in its own window.
   */
  async acquireSlot(bucket: string): Promise<LimiterSlot> {
    const budget = this.#budgets[bucket];
    if (!budget) throw new Error(`no budget named ${bucket}`);
    const key = `${this.#key}:${bucket}`;
    let waitedMs = 0;
    for (;;) {
      const member = `${process.pid}:${Date.now()}:${this.#sequence++}:${Math.random()}`;
      const wait = Number(
        await this.#redis.eval(ACQUIRE, 2, key, `${this.#key}:pause`, budget.limit, budget.windowMs, member),
      );
      if (wait <= 0) {
        return {
          waitedMs,
          release: async () => {
            await this.#redis.eval(SETTLE, 1, key, member);
          },
        };
      }
      waitedMs += wait;
      await sleep(wait);
    }
  }

  /** Holds every worker's requests on this account for `ms` (a 429, or the headers say the budget is spent). */
  async pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.#redis.eval(PAUSE, 1, `${this.#key}:pause`, Math.ceil(ms));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
