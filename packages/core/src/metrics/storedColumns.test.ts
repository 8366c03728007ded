import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import { at, deal } from "../testing/fixtures.ts";
import { deriveDealTransitions } from "../transitions/derive.ts";
import type { CycleFactRow, SpanFactRow } from "./facts.ts";
import { cycleResponseFacts, dealCloseFacts, spanStallFacts } from "./storedColumns.ts";

const defs = defaultDefinitions();
const segment = { serviceLine: "cloud", sourceCategory: "marketing" as const, tier: null };

describe("columns stored beside the facts", () => {
  it("precomputes response minutes and the first-touch deadline of a cycle", () => {
    const cycle: CycleFactRow = {
      ...segment,
      leadId: "L1",
      index: 0,
      startAt: at("2026-11-20T16:50:00Z"),
      provenance: "history",
      endAt: null,
      firstTouchAt: at("2026-11-23T09:50:00Z"),
      firstTouchActivityId: "A1",
      acceptedAt: null,
      rejectedAt: null,
      reachedAt: { sal: null, sql: null, opportunity: null, closed_won: null },
    };
    expect(cycleResponseFacts(cycle, defs)).toEqual({
      responseMinutes: 3900,
      responseBusinessMinutes: 60,
      slaRuleKey: "first-touch",
      slaTargetMinutes: 60,
      slaDeadlineAt: at("2026-11-23T09:50:00Z"),
    });
    expect(cycleResponseFacts({ ...cycle, firstTouchAt: null, serviceLine: "x" }, { ...defs, slaRules: [] })).toEqual({
      responseMinutes: null,
      responseBusinessMinutes: null,
      slaRuleKey: null,
      slaTargetMinutes: null,
      slaDeadlineAt: null,
    });
  });

  it("precomputes when a span stalls, only for stages with a max-age rule", () => {
    const span: SpanFactRow = {
      ...segment,
      entityId: "D1",
      entityKind: "deal",
      spanIndex: 0,
      stage: "negotiation",
      enteredAt: at("2026-11-02T09:00:00Z"),
      leftAt: null,
      provenance: "history",
    };
    // 15 business days from Monday 09:00: Friday of the third week at closing time.
    expect(spanStallFacts(span, defs)).toEqual({
      stallRuleKey: "max-age-negotiation",
      stallDeadlineAt: at("2026-11-20T17:00:00Z"),
    });
    expect(spanStallFacts({ ...span, stage: "sal" }, defs)).toEqual({ stallRuleKey: null, stallDeadlineAt: null });
  });

  it("summarises close times and close-date range of a deal", () => {
    const record = deal(
      "D1",
      "hubspot",
      "2026-10-01T09:00:00Z",
      [
        ["qualifiedtobuy", "2026-10-01T09:00:00Z"],
        ["closedlost", "2026-11-02T09:00:00Z"],
        ["contractsent", "2026-11-03T09:00:00Z"],
        ["closedwon", "2026-11-10T09:00:00Z"],
      ],
      {
        closeDateChanges: [
          { value: "2026-12-15", at: at("2026-10-01T09:00:00Z") },
          { value: null, at: at("2026-10-05T09:00:00Z") },
          { value: "2026-11-10", at: at("2026-11-10T09:00:00Z") },
        ],
      },
    );
    const fact = { ...segment, deal: record, transitions: deriveDealTransitions(record, defs).transitions };
    expect(dealCloseFacts(fact)).toEqual({
      firstClosedAt: at("2026-11-02T09:00:00Z"),
      lastClosedAt: at("2026-11-10T09:00:00Z"),
      closeDateMin: "2026-11-10",
      closeDateMax: "2026-12-15",
    });
  });
});
