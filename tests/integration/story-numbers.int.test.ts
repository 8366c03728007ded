import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Body, connectAndSync, getJson, type StoryWorld, startStoryWorld } from "../support/story-harness.ts";
import { AS_OF, CRM_IDS, hours, type StoryRecord, WEEK, WORKSPACES } from "../support/story-records.ts";

/*
 * End to end: tests/fixtures/story.json (one story, as HubSpot and as Salesforce records)
 * → crm-sandbox → connections created through the API → the worker's sync and recompute
 * processors → GET review. Every expected number is worked out by hand below, per
 * spec/revenue-definitions.md §2–§4. Week 2026-W45 = Mon 2 Nov 00:00 – Mon 9 Nov 00:00 UTC;
 * asOf T = Mon 9 Nov 09:45. Business calendar Mon–Fri 09:00–17:00 UTC; first touch within
 * 60 business minutes; max age negotiation 15 business days (spec defaults).
 *
 * MQL cycles started in W (8): L1 Fri 16:50, L2 Mon 10:00, L3 Tue 13:00, L4 Sun 20:00,
 * L5 Wed 09:00, L6a Mon 09:00, L6b Thu 11:00, L7 Tue 09:00. (L8 started Thu 29 Oct: W−1.)
 */

let world: StoryWorld;
const reviews: Record<string, Body> = {};

beforeAll(async () => {
  world = await startStoryWorld();
  for (const crm of ["hubspot", "salesforce"] as const) {
    await connectAndSync(world, WORKSPACES[crm], crm);
    reviews[crm] = await getJson(world, `/api/v1/workspaces/${WORKSPACES[crm]}/review?week=${WEEK}&asOf=${AS_OF}`);
  }
}, 180_000);
afterAll(async () => {
  await world?.close();
});

describe.each(["hubspot", "salesforce"] as const)("the story synced from %s", (crm) => {
  const row = (line: string) => reviews[crm].rows.find((r: Body) => r.serviceLine === line);
  const stage = (name: string) => row("all").velocity.find((v: Body) => v.stage === name);

  it("is reviewed for W45 as of T from the facts, per service line", () => {
    expect(reviews[crm]).toMatchObject({
      workspace: WORKSPACES[crm],
      week: WEEK,
      timezone: "UTC",
      start: "2026-11-02T00:00:00.000Z",
      end: "2026-11-09T00:00:00.000Z",
      asOf: AS_OF,
      computedFrom: "facts",
    });
    const lines = reviews[crm].rows.map((r: Body) => r.serviceLine);
    expect(lines).toEqual(expect.arrayContaining(["all", "advisory", "implementation"]));
  });

  it("lead response time", () => {
    // Responded by T (first rep touch at or after the cycle start, not automated):
    //   L1 Fri 16:50 → call Mon 09:40 (the 16:52 sequence email does not count):
    //      wall 3 days − 7 h 10 min = 3890 min; business Fri 16:50–17:00 + Mon 09:00–09:40 = 50
    //   L2 Mon 10:00 → email 14:00: 240 / 240 (late)
    //   L5 Wed 09:00 → call 09:20 (the 08:50 call is before the MQL): 20 / 20
    //   L6a Mon 09:00 → call 09:30: 30 / 30;  L6b Thu 11:00 → email 11:45 (Monday's call is before it): 45 / 45
    //   L7 Tue 09:00 → call 09:10: 10 / 10
    // Not responded: L3 (deadline Tue 14:00 ≤ T → breached; the prospect's reply is no touch),
    //   L4 (Sun 20:00 → deadline Mon 10:00 > T → pending; its call at 10:30 is after T).
    // wall sorted [10, 20, 30, 45, 240, 3890]: median = 3rd = 30, p90 = ceil(5.4) = 6th = 3890
    // business sorted [10, 20, 30, 45, 50, 240]: median = 30, p90 = 240
    expect(row("all").responseTime).toEqual({
      mqls: 8,
      responded: 6,
      medianMinutes: 30,
      p90Minutes: 3890,
      medianBusinessMinutes: 30,
      p90BusinessMinutes: 240,
      withinSla: 5, // L1 (50), L5, L6a, L6b, L7
      breached: 2, // L2 late, L3 unanswered past its deadline
      pending: 1, // L4
      withinSlaRate: 5 / 7,
    });
    // advisory: L1, L2, L5 — wall [20, 240, 3890], business [20, 50, 240]
    expect(row("advisory").responseTime).toEqual({
      mqls: 3,
      responded: 3,
      medianMinutes: 240,
      p90Minutes: 3890,
      medianBusinessMinutes: 50,
      p90BusinessMinutes: 240,
      withinSla: 2,
      breached: 1,
      pending: 0,
      withinSlaRate: 2 / 3,
    });
    // implementation: L3, L4, L6a, L6b, L7 — [10, 30, 45] both ways
    expect(row("implementation").responseTime).toEqual({
      mqls: 5,
      responded: 3,
      medianMinutes: 30,
      p90Minutes: 45,
      medianBusinessMinutes: 30,
      p90BusinessMinutes: 45,
      withinSla: 3,
      breached: 1,
      pending: 1,
      withinSlaRate: 3 / 4,
    });
  });

  it("lead acceptance", () => {
    // L2 accepted Tue 10:00 (24 h), L6b accepted Thu 15:00 (4 h), L7 jumped to SQL Tue 16:00 (7 h, SAL
    // reached at the jump); L5 rejected Thu 09:00 (24 h), L6a rejected Mon 15:00 (6 h);
    // L1 (accepted Mon 11:00, after T), L3 (unmapped statuses make no transition), L4 pending.
    // decided hours sorted [4, 6, 7, 24, 24]: median = 3rd = 7
    expect(row("all").acceptance).toEqual({
      accepted: 3,
      rejected: 2,
      pending: 3,
      rate: 3 / 5,
      medianHoursToDecision: 7,
    });
    expect(row("advisory").acceptance).toEqual({
      accepted: 1, // L2
      rejected: 1, // L5
      pending: 1, // L1
      rate: 0.5,
      medianHoursToDecision: 24, // [24, 24]
    });
    expect(row("implementation").acceptance).toEqual({
      accepted: 2, // L6b, L7
      rejected: 1, // L6a
      pending: 2, // L3, L4
      rate: 2 / 3,
      medianHoursToDecision: 6, // [4, 6, 7]
    });
  });

  it("funnel conversion counts each cycle's own progress by T", () => {
    // sal: L2, L6b, L7 (skipped SAL; L1's is after T; L6a's cycle ended at L6b) = 3
    // sql: L2, L7 = 2; opportunity: D1 (L2), D2 (L7) = 2; closed_won: D2 (L7) = 1
    expect(row("all").conversion).toEqual({
      mqls: 8,
      sal: 3,
      sql: 2,
      opportunity: 2,
      closed_won: 1,
      salRate: 3 / 8,
      sqlRate: 2 / 3,
      opportunityRate: 1,
      closedWonRate: 1 / 2,
      mqlToClosedWonRate: 1 / 8,
    });
  });

  it("pipeline coverage reads each deal as of the end of W (amount, stage and close date from history)", () => {
    // P = FY2026-Q4 (1 Oct – 31 Dec); cutoff = min(T, end of W) = Mon 9 Nov 00:00.
    //   D1 proposal, 25k (the 30k of Mon 09:00 is after the cutoff), closes 15 Dec → open, × 0.6 = 15k
    //   D2 won 45k, close date moved from 29 Jan 2027 to 30 Nov → closed won in P
    //   D3 lost → neither;  D4 negotiation 50k, closes 31 Dec → open, × 0.9 = 45k
    // quota (all) = 100k + 40k; remaining = 140k − 45k = 95k
    expect(row("all").coverage).toMatchObject({
      period: "FY2026-Q4",
      openPipeline: 75_000,
      weightedPipeline: 60_000,
      closedWon: 45_000,
      quota: 140_000,
      remaining: 95_000,
      ratio: 75_000 / 95_000,
      weightedRatio: 60_000 / 95_000,
    });
    // advisory: D1 (inherits L2's service line), D4; nothing won
    expect(row("advisory").coverage).toMatchObject({
      openPipeline: 75_000,
      weightedPipeline: 60_000,
      closedWon: 0,
      quota: 100_000,
      remaining: 100_000,
      ratio: 0.75,
      weightedRatio: 0.6,
    });
    // implementation: D2 won 45k > 40k quota → attained, ratios null
    expect(row("implementation").coverage).toMatchObject({
      openPipeline: 0,
      weightedPipeline: 0,
      closedWon: 45_000,
      quota: 40_000,
      remaining: -5_000,
      ratio: null,
      weightedRatio: null,
    });
  });

  it("win rate and source mix", () => {
    // Closed in W: D2 won Fri 15:00 at 45k, D3 lost Wed 14:00 at 30k.
    expect(row("all").winRate).toEqual({
      won: 1,
      lost: 1,
      rate: 0.5,
      wonAmount: 45_000,
      lostAmount: 30_000,
      amountRate: 45_000 / 75_000,
    });
    // Created in W: D1 (no source of its own → L2's, marketing; 25k at the cutoff), D2 (marketing, 45k).
    expect(row("all").sourceMix).toEqual({
      marketing: { count: 2, amount: 70_000 },
      sales: { count: 0, amount: 0 },
      partner: { count: 0, amount: 0 },
      other: { count: 0, amount: 0 },
    });
  });

  it("stage velocity: lead stages on leads, deal stages on deals", () => {
    // mql exits in W: L2 24 h, L5 24 h, L6 6 h and 4 h, L7 7 h → sorted [4, 6, 7, 24, 24] h
    //   median 3rd = 7 h, p75 ceil(3.75) = 4th = 24 h, p90 ceil(4.5) = 5th = 24 h, mean 65/5 = 13 h
    //   open at the cutoff: L1, L3, L4; no max-age rule for mql → stalled null
    expect(stage("mql")).toMatchObject({ exits: 5, medianDays: hours(7), p75Days: 1, p90Days: 1, openCount: 3 });
    expect(stage("mql").meanDays).toBeCloseTo(hours(13), 12);
    expect(stage("mql").stalled).toBeNull();
    // sal: L2 left Wed 10:00 after 24 h; open: L6 (since Thu), L8 (since 30 Oct)
    expect(stage("sal")).toMatchObject({ exits: 1, medianDays: 1, p90Days: 1, openCount: 2, stalled: null });
    // sql: L2 10:00 → D1 created 11:00, L7 16:00 → D2 created 17:00: two exits of 1 h; none open
    expect(stage("sql")).toMatchObject({ exits: 2, medianDays: hours(1), p90Days: hours(1), openCount: 0 });
    // recycled: L6 Mon 15:00 → re-MQL Thu 11:00 = 68 h; open: L5
    expect(stage("recycled")).toMatchObject({ exits: 1, medianDays: hours(68), openCount: 1 });
    expect(stage("lead")).toEqual({
      stage: "lead",
      exits: 0,
      medianDays: null,
      p75Days: null,
      p90Days: null,
      meanDays: null,
      openCount: 0,
      stalled: null,
    });
    // opportunity exits: D2 41 h, D1 49 h, D3 15 Sep 10:00 → 4 Nov 14:00 = 50 d 4 h = 1204 h
    //   median 2nd = 49 h, p75 ceil(2.25) = 3rd = 1204 h, mean 1294/3 h; none open
    expect(stage("opportunity")).toMatchObject({
      exits: 3,
      medianDays: hours(49),
      p75Days: hours(1204),
      p90Days: hours(1204),
      openCount: 0,
      stalled: 0,
    });
    expect(stage("opportunity").meanDays).toBeCloseTo(hours(1294 / 3), 12);
    // proposal: D2 Thu 10:00 → won Fri 15:00 = 29 h; open: D1 since Fri 12:00 (5 business hours: not stalled)
    expect(stage("proposal")).toMatchObject({ exits: 1, medianDays: hours(29), openCount: 1, stalled: 0 });
    // negotiation: D4 since Wed 14 Oct 10:00 (skipped proposal); 15 business days run out Wed 4 Nov 10:00 → stalled
    expect(stage("negotiation")).toMatchObject({ exits: 0, medianDays: null, openCount: 1, stalled: 1 });
  });

  it("gives W−1 as of the same T", () => {
    const previous = reviews[crm].previous.rows.find((r: Body) => r.serviceLine === "all");
    expect(reviews[crm].previous.week).toBe("2026-W44");
    // L8: MQL Thu 29 Oct 10:00, meeting 10:30 (30 min), accepted Fri 10:00 (24 h).
    expect(previous.responseTime).toEqual({
      mqls: 1,
      responded: 1,
      medianMinutes: 30,
      p90Minutes: 30,
      medianBusinessMinutes: 30,
      p90BusinessMinutes: 30,
      withinSla: 1,
      breached: 0,
      pending: 0,
      withinSlaRate: 1,
    });
    expect(previous.acceptance).toEqual({ accepted: 1, rejected: 0, pending: 0, rate: 1, medianHoursToDecision: 24 });
    // Cutoff Mon 2 Nov 00:00: D3 open 30k (close date already moved to 20 Nov) × 0.2, D4 50k × 0.9.
    expect(previous.coverage).toMatchObject({
      openPipeline: 80_000,
      weightedPipeline: 51_000,
      closedWon: 0,
      remaining: 140_000,
    });
    expect(previous.winRate).toEqual({ won: 0, lost: 0, rate: null, wonAmount: 0, lostAmount: 0, amountRate: null });
  });

  it("drills down to the CRM records behind the counts", async () => {
    const ids = CRM_IDS[crm];
    const drill = async (metric: string) => {
      const body: Body = await getJson(
        world,
        `/api/v1/workspaces/${WORKSPACES[crm]}/review/records?week=${WEEK}&asOf=${AS_OF}&metric=${metric}`,
      );
      return body.records.map((r: Body) => r.crmId).sort();
    };
    const expected = (...names: StoryRecord[]) => names.map((name) => ids[name]).sort();
    expect(await drill("responseTime.breached")).toEqual(expected("L2", "L3"));
    expect(await drill("responseTime.pending")).toEqual(expected("L4"));
    expect(await drill("responseTime.withinSla")).toEqual(expected("L1", "L5", "L6", "L6", "L7"));
    expect(await drill("acceptance.rejected")).toEqual(expected("L5", "L6"));
    expect(await drill("conversion.closed_won")).toEqual(expected("L7"));
    expect(await drill("winRate.won")).toEqual(expected("D2"));
    expect(await drill("winRate.lost")).toEqual(expected("D3"));
    expect(await drill("coverage.open")).toEqual(expected("D1", "D4"));
    expect(await drill("velocity.negotiation.stalled")).toEqual(expected("D4"));
  });

  it("lists the unmapped stage values on the data-quality page, and nothing else", async () => {
    // L3's statuses "Needs Review" then "Awaiting Info" map to no stage (spec §1): the record is kept,
    // each value is listed, neither makes a transition (L3 stays an untouched, pending MQL above).
    // Contacts with no hs_lead_status history (104, 107) have no hs_lead_status value to list.
    const quality: Body = await getJson(
      world,
      `/api/v1/workspaces/${WORKSPACES[crm]}/data-quality?kind=unmapped_value`,
    );
    const listed = quality.problems.map((p: Body) => [p.crmId, p.object, p.field, p.value]).sort();
    const [field, first, second] =
      crm === "hubspot"
        ? ["hs_lead_status", "AWAITING_INFO", "NEEDS_REVIEW"]
        : ["Status", "Awaiting Info", "Needs Review"];
    const l3 = CRM_IDS[crm].L3;
    expect(listed).toEqual([
      [l3, "lead", field, first],
      [l3, "lead", field, second],
    ]);
  });
});

it("the HubSpot and the Salesforce workspace give identical review rows", () => {
  const numbers = (review: Body) => ({ rows: review.rows, previous: review.previous.rows, trend: review.trend });
  expect(numbers(reviews.hubspot)).toEqual(numbers(reviews.salesforce));
});
