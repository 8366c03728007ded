import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import type { Definitions } from "../definitions/types.ts";
import { allSlaClocks } from "../sla/clocks.ts";
import { at, change, deal, hubspotLead, touch } from "../testing/fixtures.ts";
import { buildFacts } from "./facts.ts";
import { computeReview, computeTrend } from "./review.ts";

const defs: Definitions = {
  ...defaultDefinitions(),
  serviceLines: [
    { key: "cloud", label: "Cloud" },
    { key: "data", label: "Data" },
  ],
  serviceLineMap: [{ crm: "hubspot", value: "Cloud", serviceLine: "cloud" }],
  sourceCategoryMap: [{ crm: "hubspot", value: "ORGANIC_SEARCH", category: "marketing" }],
};

const lead = {
  ...hubspotLead(
    "L1",
    "2026-11-16T10:00:00Z",
    [
      change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T10:00:00Z"),
      change("hs_lead_status", "CONNECTED", "2026-11-16T11:00:00Z"),
    ],
    ["D1"],
  ),
  serviceLineRaw: "Cloud",
  sourceRaw: "ORGANIC_SEARCH",
};
const stray = {
  ...hubspotLead("L2", "2026-11-09T10:00:00Z", [
    change("lifecyclestage", "marketingqualifiedlead", "2026-11-09T10:00:00Z"),
  ]),
  serviceLineRaw: "Legacy",
};
const d1 = deal("D1", "hubspot", "2026-11-18T09:00:00Z", [["appointmentscheduled", "2026-11-18T09:00:00Z"]], {
  amountChanges: [{ value: 1200, at: at("2026-11-18T09:00:00Z") }],
});
const facts = buildFacts({
  leads: [lead, stray],
  deals: [d1],
  activities: [touch("A1", "L1", "2026-11-16T10:20:00Z")],
  defs,
});
const asOf = at("2026-11-24T12:00:00Z");

describe("buildFacts", () => {
  it("segments facts, lets a deal inherit its lead's service line and source, and reports unmapped values", () => {
    expect(facts.cycles.map((c) => [c.leadId, c.serviceLine, c.sourceCategory])).toEqual([
      ["L1", "cloud", "marketing"],
      ["L2", "unassigned", "other"],
    ]);
    expect(facts.deals[0]).toMatchObject({ serviceLine: "cloud", sourceCategory: "marketing" });
    expect(facts.spans.filter((s) => s.entityKind === "deal").map((s) => s.stage)).toEqual(["opportunity"]);
    expect(facts.slaEntities.map((e) => [e.entityKind, e.entityId, e.cycles.length])).toEqual([
      ["lead", "L1", 1],
      ["lead", "L2", 1],
      ["deal", "D1", 0],
    ]);
    const clocks = allSlaClocks(defs, facts.slaEntities);
    expect(clocks.map((c) => `${c.ruleKey}:${c.entityId}:${c.cycleIndex}`)).toEqual([
      "first-touch:L1:0",
      "first-touch:L2:0",
      "acceptance:L1:0",
      "acceptance:L2:0",
      "max-age-opportunity:D1:0",
    ]);
    expect(facts.unmapped).toEqual([
      { crm: "hubspot", object: "lead", recordId: "L2", property: "serviceLine", value: "Legacy" },
    ]);
  });
});

describe("computeReview", () => {
  const review = computeReview({ facts, defs, week: "2026-W47", asOf });

  it("returns the spec §7 shape with rows for all, each line and unassigned, and W−1", () => {
    expect(review.week).toBe("2026-W47");
    expect(review.timezone).toBe("UTC");
    expect(review.start.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(review.rows.map((r) => r.serviceLine)).toEqual(["all", "cloud", "data", "unassigned"]);
    expect(review.previous.week).toBe("2026-W46");
    const [all, cloud, data] = review.rows;
    expect(all?.responseTime).toMatchObject({
      mqls: 1,
      responded: 1,
      medianMinutes: 20,
      withinSla: 1,
      withinSlaRate: 1,
    });
    expect(cloud?.acceptance).toMatchObject({ accepted: 1, rate: 1, medianHoursToDecision: 1 });
    expect(cloud?.conversion).toMatchObject({ mqls: 1, sal: 1, sql: 1, opportunity: 1, closed_won: 0 });
    expect(cloud?.sourceMix.marketing).toEqual({ count: 1, amount: 1200 });
    expect(data?.responseTime.mqls).toBe(0);
    // L2's cycle started in W46 and was never touched: breached by now.
    expect(review.previous.rows[0]?.responseTime).toMatchObject({ mqls: 1, responded: 0, breached: 1 });
  });

  it("restricts rows to one service line when asked, and trends 12 weeks oldest first", () => {
    expect(computeReview({ facts, defs, week: "2026-W47", asOf, serviceLine: "cloud" }).rows).toHaveLength(1);
    const trend = computeTrend({ facts, defs, week: "2026-W47", asOf, serviceLine: "all" });
    expect(trend).toHaveLength(12);
    expect(trend[0]?.week).toBe("2026-W36");
    expect(trend[11]?.row.responseTime.mqls).toBe(1);
  });
});

describe("CRM neutrality of the review", () => {
  it("computes the same row from HubSpot- and Salesforce-shaped records of one story", () => {
    const sfDefs: Definitions = {
      ...defs,
      serviceLineMap: [...defs.serviceLineMap, { crm: "salesforce", value: "Cloud", serviceLine: "cloud" }],
      sourceCategoryMap: [...defs.sourceCategoryMap, { crm: "salesforce", value: "Web", category: "marketing" }],
    };
    const sfLead = {
      ...lead,
      crm: "salesforce" as const,
      sourceRaw: "Web",
      stageChanges: [
        change("Status", "Open - Not Contacted", "2026-11-16T10:00:00Z"),
        change("Status", "Working - Contacted", "2026-11-16T11:00:00Z"),
      ],
    };
    const sfDeal = deal("D1", "salesforce", "2026-11-18T09:00:00Z", [["Prospecting", "2026-11-18T09:00:00Z"]], {
      amountChanges: [{ value: 1200, at: at("2026-11-18T09:00:00Z") }],
    });
    const activities = [touch("A1", "L1", "2026-11-16T10:20:00Z")];
    const sfFacts = buildFacts({ leads: [sfLead], deals: [sfDeal], activities, defs: sfDefs });
    const hsFacts = buildFacts({ leads: [lead], deals: [d1], activities, defs });
    const row = (f: typeof hsFacts, d: Definitions) =>
      computeReview({ facts: f, defs: d, week: "2026-W47", asOf }).rows;
    expect(row(sfFacts, sfDefs)).toEqual(row(hsFacts, defs));
    expect(sfFacts.cycles).toEqual(hsFacts.cycles);
  });
});
