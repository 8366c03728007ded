import { type SharedLimiter, sleep } from "./shared-limiter.ts";

/** Counters of one sync run, shown in its history. */
export interface RequestStats {
  requests: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  /** Times the CRM answered "too many requests" (the shared limiter keeps this near zero). */
  throttled: number;
}

export const newRequestStats = (): RequestStats => ({
  requests: 0,
  retries: 0,
  rateLimitWaits: 0,
  rateLimitWaitMs: 0,
  throttled: 0,
});

/** How a failed CRM request is handled. */
export type Failure =
  | { kind: "rate_limited"; accountPauseMs?: number; retryAfterMs?: number }
  | { kind: "transient" }
  | { kind: "unauthorized" }
  | { kind: "fatal"; message: string };

/** The credentials no longer work, even after a token refresh: the user must reconnect. */
export class CrmAuthError extends Error {
  override readonly name = "CrmAuthError";
}

/** A request the CRM refused for a reason retrying cannot fix (bad field, missing scope, ...). */
export class CrmRequestError extends Error {
  override readonly name = "CrmRequestError";
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

export class CrmTimeoutError extends Error {
  override readonly name = "CrmTimeoutError";
}

export interface CallPolicy {
  limiter: SharedLimiter;
  stats: RequestStats;
  classify(error: unknown): Failure;
  /** Called once per request on a 401: refresh the access token. */
  refreshAuth?: () => Promise<void>;
  timeoutMs: number;
  /** Attempts per request before a transient failure becomes an error (the retry budget). */
  maxAttempts: number;
  baseBackoffMs: number;
}

/**
 * One CRM request within the account's limits: waits for the shared limiter, times out, retries
 * 429/5xx/timeouts/dropped connections with backoff, refreshes the token once on a 401.
 */
export async function callCrm<T>(policy: CallPolicy, bucket: string, send: () => Promise<T>): Promise<T> {
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    const slot = await policy.limiter.acquireSlot(bucket);
    if (slot.waitedMs > 0) {
      policy.stats.rateLimitWaits++;
      policy.stats.rateLimitWaitMs += slot.waitedMs;
    }
    policy.stats.requests++;
    try {
      return await withTimeout(send(), policy.timeoutMs).finally(() => slot.release().catch(() => {}));
    } catch (error) {
      const failure = policy.classify(error);
      if (failure.kind === "fatal") throw new CrmRequestError(failure.message, statusOf(error));
      if (failure.kind === "unauthorized") {
        if (refreshed || !policy.refreshAuth) throw new CrmAuthError(describe(error));
        refreshed = true;
        await policy.refreshAuth();
        continue;
      }
      if (attempt >= policy.maxAttempts) throw error;
      policy.stats.retries++;
      const backoff = Math.min(policy.baseBackoffMs * 2 ** (attempt - 1), 15_000) * (0.5 + Math.random() / 2);
      if (failure.kind === "rate_limited") {
        policy.stats.throttled++;
        policy.stats.rateLimitWaits++;
        if (failure.accountPauseMs) await policy.limiter.pause(failure.accountPauseMs);
        const wait = failure.retryAfterMs ?? backoff;
        policy.stats.rateLimitWaitMs += wait;
        await sleep(wait);
      } else {
        await sleep(backoff);
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CrmTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  // A late answer or failure of an abandoned request is ignored.
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown; statusCode?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Network-level failures worth retrying: dropped connections, resets, refused while restarting. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof CrmTimeoutError) return true;
  const text = `${(error as { code?: unknown })?.code ?? ""} ${describe(error)} ${describe((error as { cause?: unknown })?.cause)}`;
  return /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR|socket hang up|fetch failed|other side closed|terminated|network/i.test(
    text,
  );
}
