import { describe, expect, it } from "vitest";
import { dealStateAt } from "../deals/state.ts";
import { defaultDefinitions } from "../definitions/defaults.ts";
import type { Definitions } from "../definitions/types.ts";
import type { DealRecord, SourceCategory } from "../model.ts";
import { at, deal } from "../testing/fixtures.ts";
import { deriveDealTransitions } from "../transitions/derive.ts";
import { coverageOf } from "./coverage.ts";
import { computeReviewDrilldown } from "./drilldown.ts";
import type { DealFactRow } from "./facts.ts";
import { sourceMixOf } from "./sourceMix.ts";
import { reviewWindow } from "./window.ts";
import { winRateOf } from "./winRate.ts";

const base = defaultDefinitions();
const probabilityByStage = {
  appointmentscheduled: 0.2,
  presentationscheduled: 0.4,
  contractsent: 0.8,
  closedwon: 1,
  closedlost: 0,
};

function fact(record: DealRecord, sourceCategory: SourceCategory = "marketing"): DealFactRow {
  return {
    deal: record,
    transitions: deriveDealTransitions(record, base).transitions,
    serviceLine: "cloud",
    sourceCategory,
    tier: null,
  };
}

const money = (pairs: Array<[number, string]>) => pairs.map(([value, iso]) => ({ value, at: at(iso) }));
const dates = (pairs: Array<[string, string]>) => pairs.map(([value, iso]) => ({ value, at: at(iso) }));

const d1 = deal("D1", "hubspot", "2026-10-05T09:00:00Z", [["appointmentscheduled", "2026-10-05T09:00:00Z"]], {
  probabilityByStage,
  amountChanges: money([
    [1000, "2026-10-05T09:00:00Z"],
    [2000, "2026-11-20T09:00:00Z"],
  ]),
  closeDateChanges: dates([["2026-12-15", "2026-10-05T09:00:00Z"]]),
});
const d2 = deal("D2", "hubspot", "2026-10-10T09:00:00Z", [["contractsent", "2026-10-10T09:00:00Z"]], {
  probabilityByStage,
  amountChanges: money([[5000, "2026-10-10T09:00:00Z"]]),
  // Pushed out of the quarter only after the week ended: still in P as of end of W.
  closeDateChanges: dates([
    ["2026-11-30", "2026-10-10T09:00:00Z"],
    ["2027-01-15", "2026-11-24T09:00:00Z"],
  ]),
});
const d3 = deal(
  "D3",
  "hubspot",
  "2026-10-01T09:00:00Z",
  [
    ["presentationscheduled", "2026-10-01T09:00:00Z"],
    ["closedwon", "2026-11-18T15:00:00Z"],
  ],
  {
    probabilityByStage,
    amountChanges: money([[3000, "2026-10-01T09:00:00Z"]]),
    closeDateChanges: dates([
      ["2026-12-31", "2026-10-01T09:00:00Z"],
      ["2026-11-18", "2026-11-18T15:00:00Z"],
    ]),
  },
);
const d4 = deal("D4", "hubspot", "2026-11-24T09:00:00Z", [["contractsent", "2026-11-24T09:00:00Z"]], {
  probabilityByStage,
  amountChanges: money([[9999, "2026-11-24T09:00:00Z"]]),
  closeDateChanges: dates([["2026-12-01", "2026-11-24T09:00:00Z"]]),
});
const d5 = deal("D5", "hubspot", "2026-10-01T09:00:00Z", [["qualifiedtobuy", "2026-10-01T09:00:00Z"]], {
  probabilityByStage,
  amountChanges: money([[700, "2026-10-01T09:00:00Z"]]),
  closeDateChanges: dates([["2027-02-01", "2026-10-01T09:00:00Z"]]),
});
const d6 = deal(
  "D6",
  "hubspot",
  "2026-10-01T09:00:00Z",
  [
    ["qualifiedtobuy", "2026-10-01T09:00:00Z"],
    ["closedlost", "2026-11-19T09:00:00Z"],
  ],
  {
    probabilityByStage,
    amountChanges: money([
      [400, "2026-10-01T09:00:00Z"],
      [600, "2026-11-21T09:00:00Z"],
    ]),
    closeDateChanges: dates([["2026-11-19", "2026-10-01T09:00:00Z"]]),
  },
);
const d7 = deal("D7", "hubspot", "2026-10-01T09:00:00Z", [["weird-stage", "2026-10-01T09:00:00Z"]], {
  amountChanges: money([[800, "2026-10-01T09:00:00Z"]]),
  closeDateChanges: dates([["2026-12-01", "2026-10-01T09:00:00Z"]]),
});
const d8 = deal("D8", "hubspot", "2026-11-17T09:00:00Z", [["qualifiedtobuy", "2026-11-17T09:00:00Z"]], {
  amountChanges: money([[250, "2026-11-17T09:00:00Z"]]),
  closeDateChanges: dates([["2027-03-01", "2026-11-17T09:00:00Z"]]),
});
const facts = [fact(d1), fact(d2), fact(d3), fact(d4), fact(d5), fact(d6), fact(d7), fact(d8, "partner")];
const asOf = at("2026-11-25T12:00:00Z");
const withTargets = (targets: Definitions["targets"]): Definitions => ({ ...base, targets });

describe("dealStateAt", () => {
  it("reads stage, amount and close date from history at T", () => {
    const before = dealStateAt(d2, fact(d2).transitions, at("2026-11-23T00:00:00Z"));
    expect(before).toMatchObject({
      exists: true,
      stage: "negotiation",
      amount: 5000,
      closeDate: "2026-11-30",
      probability: 0.8,
    });
    expect(dealStateAt(d2, fact(d2).transitions, asOf).closeDate).toBe("2027-01-15");
    expect(dealStateAt(d4, fact(d4).transitions, at("2026-11-23T00:00:00Z")).exists).toBe(false);
    expect(dealStateAt(d7, fact(d7).transitions, asOf)).toMatchObject({ stage: null, crmStageValue: "weird-stage" });
  });
});

describe("pipeline coverage", () => {
  it("reads deals as of the end of W in the quarter of its last day", () => {
    const defs = withTargets([
      { serviceLine: "cloud", fiscalQuarter: "FY2026-Q4", amount: 10_000 },
      { serviceLine: "data", fiscalQuarter: "FY2026-Q4", amount: 5_000 },
    ]);
    const window = reviewWindow(defs, "2026-W47", asOf);
    const all = coverageOf(facts, defs, window, "all");
    expect(all).toMatchObject({
      period: "FY2026-Q4",
      openPipeline: 7000, // D1 2000 (raised during the quarter) + D2 5000; D4 not yet created, D5 outside P, D7 unmapped
      weightedPipeline: 4400, // 2000 × 0.2 + 5000 × 0.8
      closedWon: 3000,
      quota: 15_000, // no "all" target: sum of the line targets
      remaining: 12_000,
    });
    expect(all.ratio).toBeCloseTo(7000 / 12_000, 10);
    expect(all.weightedRatio).toBeCloseTo(4400 / 12_000, 10);
    expect(coverageOf(facts, defs, window, "cloud").quota).toBe(10_000);
  });

  it("gives null ratios with no quota and when the quota is attained", () => {
    const window = reviewWindow(base, "2026-W47", asOf);
    expect(coverageOf(facts, base, window, "all")).toMatchObject({
      quota: null,
      remaining: null,
      ratio: null,
      weightedRatio: null,
    });
    const attained = withTargets([{ serviceLine: "all", fiscalQuarter: "FY2026-Q4", amount: 2000 }]);
    expect(coverageOf(facts, attained, window, "all")).toMatchObject({
      quota: 2000,
      remaining: -1000,
      ratio: null,
      weightedRatio: null,
    });
  });
});

describe("win rate and source mix", () => {
  it("counts closes in W with the amount as of the close", () => {
    const window = reviewWindow(base, "2026-W47", asOf);
    expect(winRateOf(facts, window)).toEqual({
      won: 1,
      lost: 1,
      rate: 0.5,
      wonAmount: 3000,
      lostAmount: 400,
      amountRate: 3000 / 3400,
    });
  });

  it("sums pipeline created in W by source category, count and amount", () => {
    const window = reviewWindow(base, "2026-W47", asOf);
    expect(sourceMixOf(facts, window)).toEqual({
      marketing: { count: 0, amount: 0 },
      sales: { count: 0, amount: 0 },
      partner: { count: 1, amount: 250 },
      other: { count: 0, amount: 0 },
    });
  });
});

describe("deal drill-down", () => {
  it("lists the deals behind coverage, win rate and source mix", () => {
    const drill = computeReviewDrilldown({
      cycles: [],
      spans: [],
      deals: facts,
      defs: base,
      week: "2026-W47",
      asOf,
      serviceLine: "all",
    });
    expect(drill.coverage).toEqual({ open: ["D1", "D2"], closedWon: ["D3"] });
    expect(drill.winRate).toEqual({ won: ["D3"], lost: ["D6"] });
    expect(drill.sourceMix.partner).toEqual(["D8"]);
    expect(drill.sourceMix.marketing).toEqual([]);
  });
});

describe("money sums", () => {
  // (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in the last digit: the sums must not depend on the input order.
  const tenths = [0.1, 0.2, 0.3].map((amount, i) =>
    fact(
      deal(`id-${i}`, "hubspot", "2026-11-16T09:00:00Z", [["closedwon", "2026-11-17T09:00:00Z"]], {
        probabilityByStage,
        amountChanges: money([[amount, "2026-11-16T09:00:00Z"]]),
        closeDateChanges: dates([["2026-11-17", "2026-11-16T09:00:00Z"]]),
      }),
    ),
  );
  const window = reviewWindow(base, "2026-W47", asOf);

  it("adds amounts in deal id order whatever order the deals come in", () => {
    const inOrder = 0.1 + 0.2 + 0.3;
    expect(inOrder).not.toBe(0.3 + 0.2 + 0.1);
    for (const deals of [tenths, [...tenths].reverse()]) {
      expect(coverageOf(deals, base, window, "all").closedWon).toBe(inOrder);
      expect(winRateOf(deals, window).wonAmount).toBe(inOrder);
      expect(sourceMixOf(deals, window).marketing.amount).toBe(inOrder);
    }
  });
});
