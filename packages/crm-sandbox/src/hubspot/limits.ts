import type { SandboxResponse } from "../http.ts";
import { hubspotError } from "./wire.ts";

// Per-portal request limits: a rolling 10 s window, a per-second search limit and a daily quota.
export interface HubspotLimits {
  perTenSeconds: number;
  searchPerSecond: number;
  daily: number;
}
export const DEFAULT_HUBSPOT_LIMITS: HubspotLimits = { perTenSeconds: 190, searchPerSecond: 5, daily: 1_000_000 };
const WINDOW_MS = 10_000;

interface Usage {
  window: number[];
  searches: number[];
  day: string;
  today: number;
}

export class HubspotLimiter {
  limits: HubspotLimits;
  private readonly usage = new Map<string, Usage>();

  constructor(limits: HubspotLimits) {
    this.limits = limits;
  }

  /** Counts a request; returns the 429 to send, or the rate-limit headers for a normal answer. */
  admit(portal: string, isSearch: boolean): { rejected: SandboxResponse } | { headers: Record<string, string> } {
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    const usage = this.usage.get(portal) ?? { window: [], searches: [], day, today: 0 };
    this.usage.set(portal, usage);
    if (usage.day !== day) Object.assign(usage, { day, today: 0 });
    while (usage.window.length && (usage.window[0] ?? 0) <= now - WINDOW_MS) usage.window.shift();
    while (usage.searches.length && (usage.searches[0] ?? 0) <= now - 1000) usage.searches.shift();
    const { perTenSeconds, searchPerSecond, daily } = this.limits;
    if (usage.today >= daily) {
      return { rejected: rateLimited("DAILY", `You have reached your daily limit.`, this.headers(usage)) };
    }
    if (isSearch && usage.searches.length >= searchPerSecond) {
      // The SDK retries a search 429 after 1 s when it carries exactly this message.
      return { rejected: rateLimited("SECONDLY", "You have reached your secondly limit.", {}) };
    }
    if (!isSearch && usage.window.length >= perTenSeconds) {
      return {
        rejected: rateLimited(
          "TEN_SECONDLY_ROLLING",
          "You have reached your ten_secondly_rolling limit.",
          this.headers(usage),
        ),
      };
    }
    usage.today++;
    if (isSearch) usage.searches.push(now);
    else usage.window.push(now);
    // The search endpoints do not send the standard rate-limit headers.
    return { headers: isSearch ? {} : this.headers(usage) };
  }

  private headers(usage: Usage): Record<string, string> {
    const { perTenSeconds, daily } = this.limits;
    return {
      "X-HubSpot-RateLimit-Daily": String(daily),
      "X-HubSpot-RateLimit-Daily-Remaining": String(Math.max(0, daily - usage.today)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(WINDOW_MS),
      "X-HubSpot-RateLimit-Max": String(perTenSeconds),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, perTenSeconds - usage.window.length)),
      "X-HubSpot-RateLimit-Secondly": String(Math.ceil(perTenSeconds / 10)),
      "X-HubSpot-RateLimit-Secondly-Remaining": String(
        Math.max(0, Math.ceil(perTenSeconds / 10) - usage.window.filter((t) => t > Date.now() - 1000).length),
      ),
    };
  }
}

function rateLimited(policyName: string, message: string, headers: Record<string, string>): SandboxResponse {
  return hubspotError(
    429,
    "RATE_LIMIT",
    message,
    { errorType: "RATE_LIMIT", policyName, requestId: crypto.randomUUID() },
    headers,
  );
}
