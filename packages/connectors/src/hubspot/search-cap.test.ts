import { startSandbox } from "@revops/crm-sandbox";
import { createTestRedis } from "@revops/queue/testing";
import { describe, expect, it } from "vitest";
import type { LeadInput } from "../model.ts";
import { newRequestStats, SharedLimiter } from "../rate-limit/index.ts";
import { HubspotApi } from "./api.ts";
import { HubspotSource } from "./source.ts";

describe("HubSpot incremental sync past the search cap", () => {
  it("reads every one of more than 10,000 changed contacts (search stops at 10,000 results)", async () => {
    const sandbox = await startSandbox({
      seed: 7,
      leads: 10_300,
      now: "2026-11-24T12:00:00Z",
      limits: { hubspot: { perTenSeconds: 100_000, searchPerSecond: 1_000 } },
    });
    const redis = await createTestRedis();
    try {
      const limiter = new SharedLimiter(redis.redis, `${redis.prefix}:hs`, {
        general: { limit: 100_000, windowMs: 10_000 },
        search: { limit: 1_000, windowMs: 1_000 },
      });
      const api = new HubspotApi({
        baseUrl: sandbox.hubspot.baseUrl,
        credentials: { kind: "private_app", token: sandbox.hubspot.privateAppToken },
        limiter,
        stats: newRequestStats(),
      });
      const total = (
        await api.search("contacts", { filters: [], sortBy: "hs_object_id", properties: ["hs_object_id"], limit: 1 })
      ).total;
      expect(total).toBeGreaterThan(10_000);
      // Paging a search past 10,000 results is refused by HubSpot (and by the sandbox).
      const pastCap = await fetch(`${sandbox.hubspot.baseUrl}/crm/v3/objects/contacts/search`, {
        method: "POST",
        headers: { authorization: `Bearer ${sandbox.hubspot.privateAppToken}`, "content-type": "application/json" },
        body: JSON.stringify({ limit: 100, after: "10000" }),
      });
      expect(pastCap.status).toBe(400);

      const source = new HubspotSource(api, {
        serviceLineProperty: "service_line",
        sourceProperty: "hs_analytics_source",
      });
      const later = { since: Date.parse("2100-01-01"), lastId: "0", maxModified: 0 };
      const cursors = new Map<string, Record<string, unknown>>([
        ["contacts", { since: 0, lastId: "0", maxModified: 0 }],
        ["deals", later],
        ["calls", later],
        ["emails", later],
        ["meetings", later],
      ]);
      const seen = new Set<string>();
      let lastCursor: Record<string, unknown> | null | undefined;
      for await (const page of source.pages({ mode: "incremental", cursors, startedAt: new Date() })) {
        for (const lead of page.leads?.records ?? ([] as LeadInput[])) seen.add(lead.crmId);
        if (page.cursors?.contacts) lastCursor = page.cursors.contacts;
      }
      expect(seen.size).toBe(total);
      // The pass ended: the next one starts from the newest change seen (minus the look-back).
      expect(lastCursor).toMatchObject({ lastId: "0" });
      expect(Number(lastCursor?.since)).toBeGreaterThan(0);
    } finally {
      await redis.cleanup();
      await sandbox.close();
    }
  }, 180_000);
});
