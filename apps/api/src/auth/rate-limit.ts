import type { Context } from "hono";
import type { Redis } from "ioredis";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { hashSecret } from "./secrets.ts";

/** Failed sign-ins allowed per window: per account (guessing one password) and per address (spraying). */
export const signInLimits = { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 } as const;

const keys = (prefix: string, email: string, address: string) => ({
  account: `${prefix}:sign-in:account:${hashSecret(email)}`,
  address: `${prefix}:sign-in:address:${address}`,
});

const tooManyAttempts = () =>
  new ApiError(429, "too_many_attempts", "Too many sign-in attempts. Wait 15 minutes, then try again.");

/** Refuses before any password check once either counter is spent (the answer is the same for unknown accounts). */
export async function assertSignInAllowed(redis: Redis, prefix: string, email: string, address: string) {
  const key = keys(prefix, email, address);
  const [account, byAddress] = await redis.mget(key.account, key.address);
  if (Number(account ?? 0) >= signInLimits.perAccount || Number(byAddress ?? 0) >= signInLimits.perAddress)
    throw tooManyAttempts();
}

export async function recordFailedSignIn(redis: Redis, prefix: string, email: string, address: string) {
  const key = keys(prefix, email, address);
  await redis
    .multi()
    .incr(key.account)
    .expire(key.account, signInLimits.windowSeconds, "NX")
    .incr(key.address)
    .expire(key.address, signInLimits.windowSeconds, "NX")
    .exec();
}

export async function clearAccountFailures(redis: Redis, prefix: string, email: string, address: string) {
  await redis.del(keys(prefix, email, address).account);
}

/** The caller's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY is on. */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.get("deps").config.auth.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}
