import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import { change, deal, hubspotLead } from "../testing/fixtures.ts";
import { deriveDealTransitions, deriveLeadTransitions } from "./derive.ts";
import { reachedAt } from "./reached.ts";
import { stageSpans } from "./spans.ts";

const defs = defaultDefinitions();
const brief = (ts: { stage: string; at: Date; via?: string }[]) =>
  ts.map((t) => `${t.stage}@${t.at.toISOString().slice(5, 16)}${t.via ? `~${t.via}` : ""}`);

describe("deriveLeadTransitions", () => {
  it("makes the created-with value the first transition at creation time", () => {
    const lead = hubspotLead("L1", "2026-11-16T10:00:00Z", [
      change("lifecyclestage", "subscriber", "2026-11-16T09:59:59Z"),
    ]);
    expect(brief(deriveLeadTransitions(lead, [], defs).transitions)).toEqual(["lead@11-16T10:00"]);
  });

  it("merges properties in time order, lifecyclestage first on a tie, and skips same-stage changes", () => {
    const lead = hubspotLead("L1", "2026-11-16T10:00:00Z", [
      change("hs_lead_status", "IN_PROGRESS", "2026-11-16T11:00:00Z"),
      change("lifecyclestage", "subscriber", "2026-11-16T10:00:00Z"),
      change("lifecyclestage", "lead", "2026-11-16T10:30:00Z"),
      change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T11:00:00Z"),
      change("hs_lead_status", "CONNECTED", "2026-11-16T12:00:00Z"),
    ]);
    expect(brief(deriveLeadTransitions(lead, [], defs).transitions)).toEqual([
      "lead@11-16T10:00",
      "mql@11-16T11:00",
      "sal@11-16T11:00",
    ]);
  });

  it("excludes empty and unmapped values and reports each unmapped value once", () => {
    const lead = hubspotLead("L1", "2026-11-16T10:00:00Z", [
      change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T10:00:00Z"),
      change("hs_lead_status", "NEW", "2026-11-16T10:00:00Z"),
      change("hs_lead_status", null, "2026-11-16T10:10:00Z"),
      change("lifecyclestage", "customer", "2026-11-16T10:20:00Z"),
      change("hs_lead_status", "NEW", "2026-11-16T10:30:00Z"),
      change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T10:40:00Z"),
    ]);
    const result = deriveLeadTransitions(lead, [], defs);
    expect(brief(result.transitions)).toEqual(["mql@11-16T10:00"]);
    expect(result.unmapped).toEqual([
      { property: "hs_lead_status", value: "NEW" },
      { property: "lifecyclestage", value: "customer" },
    ]);
  });

  it("continues into deal stages through associated deals", () => {
    const lead = hubspotLead(
      "L1",
      "2026-11-16T10:00:00Z",
      [
        change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T10:00:00Z"),
        change("lifecyclestage", "opportunity", "2026-11-18T09:00:00Z"),
      ],
      ["D1"],
    );
    const d1 = deal("D1", "hubspot", "2026-11-18T09:00:00Z", [
      ["presentationscheduled", "2026-11-18T09:00:00Z"],
      ["closedwon", "2026-11-20T09:00:00Z"],
    ]);
    const unrelated = deal("D2", "hubspot", "2026-11-17T09:00:00Z", [["closedlost", "2026-11-17T09:00:00Z"]]);
    const { transitions } = deriveLeadTransitions(lead, [d1, unrelated], defs);
    expect(brief(transitions)).toEqual([
      "mql@11-16T10:00",
      "sql@11-18T09:00",
      "opportunity@11-18T09:00~D1",
      "proposal@11-18T09:00~D1",
      "closed_won@11-20T09:00~D1",
    ]);
    // Skipped sal is reached at the jump to sql; negotiation at the jump to closed_won.
    expect(reachedAt(transitions, "sal")?.toISOString()).toBe("2026-11-18T09:00:00.000Z");
    expect(reachedAt(transitions, "negotiation")?.toISOString()).toBe("2026-11-20T09:00:00.000Z");
    expect(reachedAt(transitions, "recycled")).toBeNull();
    expect(reachedAt(transitions, "closed_won", { asOf: new Date("2026-11-19T00:00:00Z") })).toBeNull();
  });
});

describe("deriveDealTransitions and stageSpans", () => {
  it("gives time in stage for stages actually entered only", () => {
    const d = deal("D1", "salesforce", "2026-11-02T09:00:00Z", [
      ["Prospecting", "2026-11-02T09:00:00Z"],
      ["Needs Analysis", "2026-11-03T09:00:00Z"],
      ["Negotiation/Review", "2026-11-05T21:00:00Z"],
      ["Closed Lost", "2026-11-10T09:00:00Z"],
    ]);
    const { transitions } = deriveDealTransitions(d, defs);
    expect(
      stageSpans(transitions).map((s) => [s.stage, s.enteredAt.toISOString(), s.leftAt?.toISOString() ?? null]),
    ).toEqual([
      ["opportunity", "2026-11-02T09:00:00.000Z", "2026-11-05T21:00:00.000Z"],
      ["negotiation", "2026-11-05T21:00:00.000Z", "2026-11-10T09:00:00.000Z"],
      ["closed_lost", "2026-11-10T09:00:00.000Z", null],
    ]);
    expect(reachedAt(transitions, "closed_won")).toBeNull();
    expect(reachedAt(transitions, "closed_lost")?.toISOString()).toBe("2026-11-10T09:00:00.000Z");
  });
});
