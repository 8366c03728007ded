import type { SandboxResponse } from "../http.ts";
import { salesforceError } from "./errors.ts";

// The org's rolling 24-hour API request allowance, reported on every response as Sforce-Limit-Info.
export class SalesforceLimiter {
  dailyApiRequests: number;
  private used = 0;

  constructor(dailyApiRequests: number) {
    this.dailyApiRequests = dailyApiRequests;
  }

  admit(): { rejected: SandboxResponse } | { headers: Record<string, string> } {
    if (this.used >= this.dailyApiRequests) {
      return {
        rejected: salesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", this.headers()),
      };
    }
    this.used++;
    return { headers: this.headers() };
  }

  headers(): Record<string, string> {
    return { "Sforce-Limit-Info": `api-usage=${this.used}/${this.dailyApiRequests}` };
  }

  limits(): Record<string, { Max: number; Remaining: number }> {
    const remaining = Math.max(0, this.dailyApiRequests - this.used);
    return {
      DailyApiRequests: { Max: this.dailyApiRequests, Remaining: remaining },
      DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
      DataStorageMB: { Max: 5_120, Remaining: 4_096 },
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
    };
  }
}
