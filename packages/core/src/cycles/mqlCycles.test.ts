import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import type { Transition } from "../model.ts";
import { at, change, deal, defined, hubspotLead, salesforceLead, touch } from "../testing/fixtures.ts";
import { deriveLeadTransitions } from "../transitions/derive.ts";
import { stageSpans } from "../transitions/spans.ts";
import { cycleOutcomeAsOf, decidedAtAsOf, mqlCycles } from "./mqlCycles.ts";

const t = (stage: Transition["stage"], iso: string): Transition => ({
  entityId: "L1",
  stage,
  at: at(iso),
  provenance: "history",
});

describe("mqlCycles", () => {
  it("starts a cycle on every entry into mql; progress counts only inside its own cycle", () => {
    const cycles = mqlCycles(
      [
        t("mql", "2026-11-02T10:00:00Z"),
        t("recycled", "2026-11-03T10:00:00Z"),
        t("mql", "2026-11-16T10:00:00Z"),
        t("sql", "2026-11-17T10:00:00Z"),
      ],
      [],
    );
    expect(cycles).toHaveLength(2);
    const [first, second] = cycles;
    expect(first?.endAt?.toISOString()).toBe("2026-11-16T10:00:00.000Z");
    expect(first?.rejectedAt?.toISOString()).toBe("2026-11-03T10:00:00.000Z");
    expect(first?.reachedAt.sql).toBeNull();
    expect(cycleOutcomeAsOf(defined(first), at("2026-12-01T00:00:00Z"))).toBe("rejected");
    // Re-qualification: sal skipped, reached at the jump to sql.
    expect(second?.acceptedAt?.toISOString()).toBe("2026-11-17T10:00:00.000Z");
    expect(second?.reachedAt.sal?.toISOString()).toBe("2026-11-17T10:00:00.000Z");
    expect(cycleOutcomeAsOf(defined(second), at("2026-11-17T09:59:59Z"))).toBe("pending");
    expect(cycleOutcomeAsOf(defined(second), at("2026-11-17T10:00:00Z"))).toBe("accepted");
    expect(decidedAtAsOf(defined(second), at("2026-11-18T00:00:00Z"))?.toISOString()).toBe("2026-11-17T10:00:00.000Z");
    expect(decidedAtAsOf(defined(second), at("2026-11-17T00:00:00Z"))).toBeNull();
  });

  it("carries the provenance of the transition that started the cycle", () => {
    const [cycle] = mqlCycles([{ ...t("mql", "2026-11-02T10:00:00Z"), provenance: "observed" }], []);
    expect(defined(cycle).provenance).toBe("observed");
  });

  it("decides by whichever of acceptance and rejection came first", () => {
    const [cycle] = mqlCycles(
      [t("mql", "2026-11-02T10:00:00Z"), t("recycled", "2026-11-02T12:00:00Z"), t("sal", "2026-11-03T10:00:00Z")],
      [],
    );
    expect(cycleOutcomeAsOf(defined(cycle), at("2026-11-04T00:00:00Z"))).toBe("rejected");
  });

  it("counts as first touch only a rep's action at or after the cycle start", () => {
    const transitions = [t("mql", "2026-11-16T10:00:00Z"), t("mql", "2026-11-20T10:00:00Z")];
    const activities = [
      touch("before", "L1", "2026-11-16T09:00:00Z"),
      touch("auto", "L1", "2026-11-16T10:05:00Z", { kind: "email", automated: true }),
      touch("inbound", "L1", "2026-11-16T10:06:00Z", { kind: "email", direction: "inbound" }),
      touch("other-lead", "L2", "2026-11-16T10:07:00Z"),
      touch("email", "L1", "2026-11-16T10:30:00Z", { kind: "email" }),
      touch("meeting", "L1", "2026-11-16T10:20:00Z", { kind: "meeting", direction: null }),
    ];
    const [first, second] = mqlCycles(transitions, activities);
    expect(first?.firstTouchActivityId).toBe("meeting");
    expect(first?.firstTouchAt?.toISOString()).toBe("2026-11-16T10:20:00.000Z");
    expect(second?.firstTouchAt).toBeNull();
  });
});

describe("CRM neutrality", () => {
  it("derives identical facts from a HubSpot-shaped and a Salesforce-shaped story", () => {
    const defs = defaultDefinitions();
    const hs = hubspotLead(
      "L1",
      "2026-11-16T10:00:00Z",
      [
        change("lifecyclestage", "marketingqualifiedlead", "2026-11-16T10:00:00Z"),
        change("hs_lead_status", "ATTEMPTED_TO_CONTACT", "2026-11-16T11:00:00Z"),
        change("lifecyclestage", "salesqualifiedlead", "2026-11-17T09:00:00Z"),
      ],
      ["D1"],
    );
    const sf = salesforceLead(
      "L1",
      "2026-11-16T10:00:00Z",
      [
        change("Status", "Open - Not Contacted", "2026-11-16T10:00:00Z"),
        change("Status", "Working - Contacted", "2026-11-16T11:00:00Z"),
        change("Status", "Closed - Converted", "2026-11-17T09:00:00Z"),
      ],
      ["D1"],
    );
    const hsDeal = deal("D1", "hubspot", "2026-11-18T09:00:00Z", [
      ["appointmentscheduled", "2026-11-18T09:00:00Z"],
      ["contractsent", "2026-11-19T09:00:00Z"],
      ["closedwon", "2026-11-20T09:00:00Z"],
    ]);
    const sfDeal = deal("D1", "salesforce", "2026-11-18T09:00:00Z", [
      ["Prospecting", "2026-11-18T09:00:00Z"],
      ["Negotiation/Review", "2026-11-19T09:00:00Z"],
      ["Closed Won", "2026-11-20T09:00:00Z"],
    ]);
    const activities = [touch("A1", "L1", "2026-11-16T10:45:00Z")];
    const facts = (lead: typeof hs, d: typeof hsDeal) => {
      const { transitions, unmapped } = deriveLeadTransitions(lead, [d], defs);
      return { transitions, unmapped, cycles: mqlCycles(transitions, activities), spans: stageSpans(transitions) };
    };
    const fromHubspot = facts(hs, hsDeal);
    expect(fromHubspot).toEqual(facts(sf, sfDeal));
    expect(fromHubspot.cycles[0]?.reachedAt.closed_won?.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  });
});
