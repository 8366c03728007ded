import { startSandbox } from "@revops/crm-sandbox";
import { createTestRedis } from "@revops/queue/testing";
import { describe, expect, it } from "vitest";
import { newRequestStats, SharedLimiter } from "../rate-limit/index.ts";
import { CrmAllowanceError, SalesforceApi } from "./api.ts";

describe("Salesforce daily API allowance", () => {
  it("stops at the connection's share of the org's allowance read from Sforce-Limit-Info, naming the figures", async () => {
    const sandbox = await startSandbox({
      seed: 7,
      leads: 500,
      now: "2026-11-24T12:00:00Z",
      limits: { salesforceDailyApiRequests: 20 },
    });
    const redis = await createTestRedis();
    try {
      const stats = newRequestStats();
      const api = new SalesforceApi({
        loginUrl: sandbox.salesforce.loginUrl,
        credentials: {
          clientId: sandbox.salesforce.clientId,
          clientSecret: sandbox.salesforce.clientSecret,
          refreshToken: sandbox.salesforce.refreshToken,
        },
        limiter: new SharedLimiter(redis.redis, `${redis.prefix}:sf`, { general: { limit: 1_000, windowMs: 1_000 } }),
        stats,
        dailyApiShare: 0.5,
      });
      let answered = 0;
      const stopped = await (async () => {
        for (;;) {
          await api.query("SELECT Id FROM Lead ORDER BY Id LIMIT 1");
          answered++;
        }
      })().catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(CrmAllowanceError);
      expect(api.apiUsage).toEqual({ used: 10, limit: 20 });
      expect(answered).toBe(10);
      expect((stopped as Error).message).toContain("used 10 of its 20 daily API requests");
      expect((stopped as Error).message).toContain("dailyApiShare");
    } finally {
      await redis.cleanup();
      await sandbox.close();
    }
  });
});
