import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import { at } from "../testing/fixtures.ts";
import { acceptanceOf } from "./acceptance.ts";
import { conversionOf } from "./conversion.ts";
import { computeReviewDrilldown } from "./drilldown.ts";
import type { CycleFactRow } from "./facts.ts";
import { responseTimeOf } from "./responseTime.ts";
import { computeReviewRow } from "./reviewRow.ts";
import { reviewWindow } from "./window.ts";

type Times = {
  start: string;
  touch?: string;
  accepted?: string;
  rejected?: string;
  sql?: string;
  opp?: string;
  won?: string;
};

function cycle(leadId: string, t: Times, serviceLine = "cloud"): CycleFactRow {
  const d = (iso?: string) => (iso ? at(iso) : null);
  return {
    index: 0,
    leadId,
    serviceLine,
    sourceCategory: "marketing",
    tier: null,
    startAt: at(t.start),
    provenance: "history",
    endAt: null,
    firstTouchAt: d(t.touch),
    firstTouchActivityId: t.touch ? `act-${leadId}` : null,
    acceptedAt: d(t.accepted),
    rejectedAt: d(t.rejected),
    reachedAt: { sal: d(t.accepted), sql: d(t.sql), opportunity: d(t.opp), closed_won: d(t.won) },
  };
}

// Week 2026-W47 = Mon 16 Nov to Mon 23 Nov (UTC); first-touch rule: 60 business minutes, Mon-Fri 09-17 UTC.
const cycles = [
  cycle("A", {
    start: "2026-11-16T10:00:00Z",
    touch: "2026-11-16T10:30:00Z",
    accepted: "2026-11-16T12:00:00Z",
    sql: "2026-11-17T12:00:00Z",
    opp: "2026-11-18T12:00:00Z",
    won: "2026-11-23T12:00:00Z",
  }),
  cycle("B", { start: "2026-11-20T16:50:00Z", touch: "2026-11-23T09:50:00Z", rejected: "2026-11-23T09:00:00Z" }),
  cycle("C", { start: "2026-11-17T09:00:00Z", touch: "2026-11-17T11:00:00Z", accepted: "2026-11-18T09:00:00Z" }),
  cycle("D", { start: "2026-11-18T16:00:00Z" }),
  cycle("E", { start: "2026-11-22T12:00:00Z", accepted: "2026-11-23T10:00:00Z" }),
  cycle("G", { start: "2026-11-19T10:00:00Z", touch: "2026-11-23T10:30:00Z", rejected: "2026-11-20T10:00:00Z" }),
  cycle("F", { start: "2026-11-15T10:00:00Z", touch: "2026-11-15T10:01:00Z" }),
];
const defs = defaultDefinitions();
const asOf = at("2026-11-23T09:55:00Z");
const window = reviewWindow(defs, "2026-W47", asOf);

describe("lead response time", () => {
  it("computes hand-checked counts and nearest-rank percentiles", () => {
    expect(responseTimeOf(cycles, defs, window)).toEqual({
      mqls: 6,
      responded: 3,
      medianMinutes: 120,
      p90Minutes: 3900, // Fri 16:50 -> Mon 09:50 wall clock
      medianBusinessMinutes: 60,
      p90BusinessMinutes: 120,
      withinSla: 2, // A (30), B (60: Friday 16:50 + 1h = Monday 09:50)
      breached: 3, // C responded late; D deadline passed; G touched only after asOf
      pending: 1, // E: deadline Monday 10:00 > asOf
      withinSlaRate: 0.4,
    });
  });

  it("turns pending into breached once asOf passes the deadline", () => {
    const later = reviewWindow(defs, "2026-W47", at("2026-11-23T10:00:00Z"));
    const result = responseTimeOf(cycles, defs, later);
    expect([result.pending, result.breached]).toEqual([0, 4]);
  });
});

describe("lead acceptance", () => {
  it("counts outcomes as of T and the median hours to decision", () => {
    // Decided: A 2h, C 48h, G 24h, B 64h10m; E accepted only after asOf.
    expect(acceptanceOf(cycles, window)).toEqual({
      accepted: 2,
      rejected: 2,
      pending: 2,
      rate: 0.5,
      medianHoursToDecision: 24,
    });
  });
});

describe("funnel conversion", () => {
  it("counts reach by T and names each step rate", () => {
    expect(conversionOf(cycles, window)).toEqual({
      mqls: 6,
      sal: 2,
      sql: 1,
      opportunity: 1,
      closed_won: 0, // A wins after asOf
      salRate: 2 / 6,
      sqlRate: 0.5,
      opportunityRate: 1,
      closedWonRate: 0,
      mqlToClosedWonRate: 0,
    });
  });
});

describe("empty populations", () => {
  it("give null rates and percentiles, never 0", () => {
    const row = computeReviewRow({ cycles, spans: [], deals: [], defs, week: "2026-W47", asOf, serviceLine: "data" });
    expect(row.responseTime).toEqual({
      mqls: 0,
      responded: 0,
      medianMinutes: null,
      p90Minutes: null,
      medianBusinessMinutes: null,
      p90BusinessMinutes: null,
      withinSla: 0,
      breached: 0,
      pending: 0,
      withinSlaRate: null,
    });
    expect(row.acceptance.rate).toBeNull();
    expect(row.acceptance.medianHoursToDecision).toBeNull();
    expect(row.conversion.salRate).toBeNull();
    expect(row.winRate).toEqual({ won: 0, lost: 0, rate: null, wonAmount: 0, lostAmount: 0, amountRate: null });
    expect(row.velocity.every((v) => v.medianDays === null && v.meanDays === null)).toBe(true);
    expect(row.coverage.ratio).toBeNull();
  });

  it("counts nothing that starts after asOf, even inside the week", () => {
    const early = reviewWindow(defs, "2026-W47", at("2026-11-17T09:30:00Z"));
    expect(responseTimeOf(cycles, defs, early).mqls).toBe(2);
  });
});

describe("drill-down", () => {
  it("lists the cycles behind each count", () => {
    const drill = computeReviewDrilldown({
      cycles,
      spans: [],
      deals: [],
      defs,
      week: "2026-W47",
      asOf,
      serviceLine: "all",
    });
    const leads = (refs: { leadId: string }[]) => refs.map((r) => r.leadId);
    expect(leads(drill.responseTime.mqls)).toEqual(["A", "B", "C", "D", "E", "G"]);
    expect(leads(drill.responseTime.withinSla)).toEqual(["A", "B"]);
    expect(leads(drill.responseTime.breached)).toEqual(["C", "D", "G"]);
    expect(leads(drill.responseTime.pending)).toEqual(["E"]);
    expect(leads(drill.acceptance.rejected)).toEqual(["B", "G"]);
    expect(leads(drill.conversion.sql)).toEqual(["A"]);
    expect(drill.responseTime.mqls[0]).toEqual({ leadId: "A", cycleIndex: 0 });
  });
});

describe("response time in a DST week", () => {
  it("uses the workspace calendar zone: New York, clocks change over the weekend", () => {
    const base = defaultDefinitions();
    const nyDefs = {
      ...base,
      timezone: "America/New_York",
      calendars: base.calendars.map((c) => ({ ...c, timezone: "America/New_York" })),
    };
    // Friday 15:00 EST -> Monday 10:00 EDT: 66 wall-clock hours, 2 h + 1 h of business time.
    const friday = cycle("NY", { start: "2026-03-06T20:00:00Z", touch: "2026-03-09T14:00:00Z" });
    const result = responseTimeOf([friday], nyDefs, reviewWindow(nyDefs, "2026-W10", at("2026-03-10T00:00:00Z")));
    expect(result).toMatchObject({
      mqls: 1,
      responded: 1,
      medianMinutes: 3960,
      medianBusinessMinutes: 180,
      breached: 1,
    });
  });
});
