import type { CrmKind } from "@revops/core";
import { computeReviewRow } from "@revops/core";
import { ensureWorkspace, insertDefinitionVersion } from "@revops/db";
import { recomputeFactsJob } from "@revops/worker/recompute-facts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRILLDOWN_METRICS } from "../services/review/drilldown-metrics.ts";
import { factsFromRecords } from "../services/review/review-facts-source.ts";
import {
  insertReviewStory,
  STORY_AS_OF,
  STORY_WEEK,
  type StoryIds,
  storyDefinitions,
} from "../testing/review-story.ts";
import { createTestApi } from "../testing/test-api.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
type Body = any;
const HOUR = 60;
const DAY_H = 24;

async function setUp(api: Awaited<ReturnType<typeof createTestApi>>, crm: CrmKind): Promise<StoryIds> {
  const db = api.deps.database.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  await insertDefinitionVersion(db, { workspaceId: "acme", document: storyDefinitions(), createdBy: "test", diff: [] });
  const settings = crm === "hubspot" ? { portalId: "4242" } : { instanceUrl: "https://acme.my.salesforce.com" };
  const ids = await insertReviewStory(db, { workspaceId: "acme", crm, settings });
  await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
  return ids;
}

const reviewUrl = (extra = "") => `/api/v1/workspaces/acme/review?week=${STORY_WEEK}&asOf=${STORY_AS_OF}${extra}`;

describe.each(["hubspot", "salesforce"] as const)("the weekly review of a %s-sourced story", (crm) => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let ids: StoryIds;
  let review: Body;
  beforeEach(async () => {
    api = await createTestApi();
    ids = await setUp(api, crm);
    const response = await api.request(reviewUrl());
    expect(response.status).toBe(200);
    review = await response.json();
  });
  afterEach(async () => {
    await api.close();
  });
  const row = (line: string) => review.rows.find((r: Body) => r.serviceLine === line);

  it("has the shape of spec §7", () => {
    expect(Object.keys(review).sort()).toEqual(
      [
        "asOf",
        "computedFrom",
        "definitionsVersion",
        "end",
        "freshness",
        "previous",
        "rows",
        "start",
        "timezone",
        "trend",
        "week",
        "workspace",
      ].sort(),
    );
    expect(review).toMatchObject({
      workspace: "acme",
      week: "2026-W10",
      timezone: "UTC",
      start: "2026-03-02T00:00:00.000Z",
      end: "2026-03-09T00:00:00.000Z",
      asOf: STORY_AS_OF,
      definitionsVersion: 1,
      computedFrom: "facts",
    });
    // Mystery is an unmapped service line: its lead is in `unassigned`.
    expect(review.rows.map((r: Body) => r.serviceLine)).toEqual(["all", "cloud", "data", "unassigned"]);
    expect(review.previous.week).toBe("2026-W09");
    expect(review.trend.map((w: Body) => w.week)).toHaveLength(12);
    expect(review.trend.at(-1).rows).toEqual([row("all")]);
    expect(review.trend[0]).toMatchObject({ week: "2025-W51", rows: [{ serviceLine: "all" }] });
    expect(review.freshness.connections).toEqual([expect.objectContaining({ crm, lastSyncAt: expect.any(String) })]);
  });

  it("response time: automated email and a touch before the MQL do not count; holiday; pending vs breached at T", () => {
    // Wall [30, 1035, 300, 10], business [30, 75, 0 (holiday), 10]; L2's second cycle and L4 breached unanswered, L5 pending.
    expect(row("all").responseTime).toEqual({
      mqls: 7,
      responded: 4,
      medianMinutes: 30,
      p90Minutes: 17 * HOUR + 15,
      medianBusinessMinutes: 10,
      p90BusinessMinutes: 75,
      withinSla: 3,
      breached: 3,
      pending: 1,
      withinSlaRate: 0.5,
    });
    expect(row("cloud").responseTime).toMatchObject({
      pending: 1,
      mqls: 3,
      responded: 2,
      withinSla: 2,
      breached: 0,
      withinSlaRate: 1,
    });
  });

  it("acceptance: rejection then re-qualification is two cycles; a skipped stage accepts", () => {
    expect(row("all").acceptance).toEqual({
      accepted: 2,
      rejected: 1,
      pending: 4,
      rate: 2 / 3,
      medianHoursToDecision: 17.5,
    });
  });

  it("conversion counts only progress inside each cycle", () => {
    expect(row("all").conversion).toEqual({
      mqls: 7,
      sal: 2,
      sql: 2,
      opportunity: 1,
      closed_won: 1,
      salRate: 2 / 7,
      sqlRate: 1,
      opportunityRate: 0.5,
      closedWonRate: 1,
      mqlToClosedWonRate: 1 / 7,
    });
  });

  it("coverage reads each deal as of the cutoff: close date moved into the quarter, amount changed, quota attained → null", () => {
    expect(row("all").coverage).toMatchObject({
      period: "FY2026-Q1",
      openPipeline: 40_000,
      weightedPipeline: 24_000,
      closedWon: 68_000,
      quota: 105_000,
      remaining: 37_000,
    });
    expect(row("all").coverage.ratio).toBeCloseTo(40_000 / 37_000, 12);
    expect(row("cloud").coverage).toMatchObject({
      openPipeline: 40_000,
      closedWon: 60_000,
      quota: 100_000,
      ratio: 1,
      weightedRatio: 0.6,
    });
    expect(row("data").coverage).toMatchObject({
      closedWon: 8_000,
      quota: 5_000,
      remaining: -3_000,
      ratio: null,
      weightedRatio: null,
    });
    expect(row("unassigned").coverage).toMatchObject({ quota: null, ratio: null });
  });

  it("win rate and source mix use amounts as of the close / the cutoff", () => {
    expect(row("all").winRate).toEqual({
      won: 2,
      lost: 1,
      rate: 2 / 3,
      wonAmount: 68_000,
      lostAmount: 10_000,
      amountRate: 68_000 / 78_000,
    });
    expect(row("all").sourceMix).toEqual({
      marketing: { count: 2, amount: 80_000 },
      sales: { count: 0, amount: 0 },
      partner: { count: 1, amount: 10_000 },
      other: { count: 0, amount: 0 },
    });
  });

  it("velocity: exits in W, open and stalled at the cutoff, null without a max-age rule, empty → null", () => {
    const stage = (name: string) => row("all").velocity.find((v: Body) => v.stage === name);
    expect(stage("mql")).toEqual({
      stage: "mql",
      exits: 3,
      medianDays: 17.5 / DAY_H,
      p75Days: 25 / DAY_H,
      p90Days: 25 / DAY_H,
      meanDays: 44.5 / 3 / DAY_H,
      openCount: 4,
      stalled: null,
    });
    expect(stage("sal")).toMatchObject({ exits: 1, medianDays: 23 / DAY_H, openCount: 1 });
    expect(stage("recycled")).toMatchObject({ exits: 1, medianDays: 47 / DAY_H, openCount: 0 });
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
    expect(stage("opportunity")).toMatchObject({
      exits: 3,
      medianDays: 53 / DAY_H,
      p75Days: 197 / DAY_H,
      openCount: 1,
      stalled: 0,
    });
    expect(stage("opportunity").meanDays).toBeCloseTo(274 / 3 / DAY_H, 12);
    expect(stage("proposal")).toMatchObject({ exits: 1, medianDays: 1, openCount: 1, stalled: 1 });
    expect(stage("negotiation")).toMatchObject({ exits: 0, openCount: 0, stalled: 0 });
  });

  it("gives W−1 as of the same T", () => {
    const all = review.previous.rows.find((r: Body) => r.serviceLine === "all");
    expect(all.responseTime).toMatchObject({ mqls: 1, responded: 1, withinSla: 1, medianMinutes: 20 });
    expect(all.acceptance).toMatchObject({ accepted: 1, rate: 1, medianHoursToDecision: 24 });
  });

  it("drills down to the records behind a count, with CRM ids and deep links", async () => {
    const response = await api.request(
      `/api/v1/workspaces/acme/review/records?week=${STORY_WEEK}&asOf=${STORY_AS_OF}&metric=responseTime.breached`,
    );
    expect(response.status).toBe(200);
    const body: Body = await response.json();
    // Sorted by cycle start; L2's second cycle and L4 both start Thursday 09:00.
    expect(body.records.map((r: Body) => [r.crmId, r.cycleIndex]).sort()).toEqual([
      ["1002", 0],
      ["1002", 1],
      ["1004", 0],
    ]);
    const link =
      crm === "hubspot"
        ? "https://app.hubspot.com/contacts/4242/record/0-1/1002"
        : "https://acme.my.salesforce.com/lightning/r/Lead/1002/view";
    expect(body.records[0]).toMatchObject({
      recordType: "lead",
      recordId: ids.leads.L2,
      link,
      ownerCrmId: "owner-1",
      serviceLine: "data",
    });
    expect(body.records[0].businessMinutes).toBe(75);
    const won = (await (
      await api.request(
        `/api/v1/workspaces/acme/review/records?week=${STORY_WEEK}&asOf=${STORY_AS_OF}&metric=winRate.won`,
      )
    ).json()) as Body;
    expect(won.records.map((r: Body) => r.crmId).sort()).toEqual(["2001", "2005"]);
  });
});

describe("the review across CRMs and parameters", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  afterEach(async () => {
    await api.close();
  });

  it("gives identical numbers for the HubSpot and the Salesforce copy of the story", async () => {
    const reviews: Body[] = [];
    for (const crm of ["hubspot", "salesforce"] as const) {
      api = await createTestApi();
      await setUp(api, crm);
      const body: Body = await (await api.request(reviewUrl())).json();
      reviews.push({ rows: body.rows, previous: body.previous, trend: body.trend });
      await api.close();
    }
    expect(reviews[0]).toEqual(reviews[1]);
    api = await createTestApi();
  });

  it("rejects bad parameters with the common error body", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    for (const [query, field] of [
      ["week=2026-W54", "week"],
      ["week=2026-10", "week"],
      [`week=${STORY_WEEK}&asOf=yesterday`, "asOf"],
      [`week=${STORY_WEEK}&serviceLine=nope`, "nope"],
    ] as const) {
      const response = await api.request(`/api/v1/workspaces/acme/review?${query}`);
      expect(response.status, query).toBe(400);
      const body: Body = await response.json();
      expect(Object.keys(body).sort()).toEqual(["code", "message", "requestId"]);
      expect(body.message).toContain(field);
    }
    expect((await api.request(`/api/v1/workspaces/nobody/review?week=${STORY_WEEK}`)).status).toBe(404);
  });

  it("shows what the numbers were under the previous definitions version", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    const defs = storyDefinitions();
    // Version 2: first touch within 20 business minutes instead of 60.
    await insertDefinitionVersion(api.deps.database.db, {
      workspaceId: "acme",
      createdBy: "test",
      diff: [],
      document: {
        ...defs,
        slaRules: defs.slaRules.map((r) => (r.kind === "first_touch" ? { ...r, targetMinutes: 20 } : r)),
      },
    });
    await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
    const now: Body = await (await api.request(reviewUrl("&serviceLine=all"))).json();
    expect(now).toMatchObject({ definitionsVersion: 2, computedFrom: "facts" });
    expect(now.rows[0].responseTime).toMatchObject({ withinSla: 2, breached: 5, pending: 0 });
    const before: Body = await (await api.request(reviewUrl("&serviceLine=all&definitionsVersion=1"))).json();
    expect(before).toMatchObject({ definitionsVersion: 1, computedFrom: "records" });
    expect(before.rows[0].responseTime).toMatchObject({ withinSla: 3, breached: 3, pending: 1 });
    expect((await api.request(reviewUrl("&definitionsVersion=7"))).status).toBe(404);
  });

  it("lists the same records behind every drill-down from stored facts as recomputed from the records", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    // Version 2 is the same document: facts serve it, while version 1 is recomputed from the records.
    await insertDefinitionVersion(api.deps.database.db, {
      workspaceId: "acme",
      createdBy: "test",
      diff: [],
      document: storyDefinitions(),
    });
    await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
    const listed = async (metric: string, serviceLine: string, version: string) => {
      const response = await api.request(
        `/api/v1/workspaces/acme/review/records?week=${STORY_WEEK}&asOf=${STORY_AS_OF}&metric=${metric}&serviceLine=${serviceLine}${version}`,
      );
      expect(response.status).toBe(200);
      const body: Body = await response.json();
      return { total: body.total, records: body.records };
    };
    let nonEmpty = 0;
    for (const metric of DRILLDOWN_METRICS) {
      for (const line of ["all", "data"]) {
        const fromFacts = await listed(metric, line, "");
        expect(fromFacts, `${metric} ${line}`).toEqual(await listed(metric, line, "&definitionsVersion=1"));
        if (fromFacts.total > 0) nonEmpty++;
      }
    }
    // The story reaches most lists (cycles, deals, exits, open and stalled spans), so the comparison means something.
    expect(nonEmpty).toBeGreaterThan(DRILLDOWN_METRICS.length);
  });

  it("orders the records of a drill-down over all of them before paging: longest wait or biggest deal first", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    const records = async (query: string): Promise<Body[]> => {
      const response = await api.request(
        `/api/v1/workspaces/acme/review/records?week=${STORY_WEEK}&asOf=${STORY_AS_OF}&${query}`,
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as Body).records;
    };
    const asOf = Date.parse(STORY_AS_OF);
    const wait = (r: Body) => r.wallMinutes ?? (asOf - Date.parse(r.startAt)) / 60_000;
    const byStart = await records("metric=responseTime.breached");
    const byWait = await records("metric=responseTime.breached&order=wait");
    expect(byWait.map(wait)).toEqual(byStart.map(wait).sort((a: number, b: number) => b - a));
    expect(byWait.map(wait)).not.toEqual(byStart.map(wait));
    // The first page of one holds the longest wait of all, not of the first page by start.
    expect((await records("metric=responseTime.breached&order=wait&limit=1")).map(wait)).toEqual([byWait.map(wait)[0]]);
    const amount = (r: Body) => r.amount ?? 0;
    const deals = await records("metric=winRate.won&order=amount");
    const dealsByStart = await records("metric=winRate.won");
    expect(deals.map(amount)).toEqual(dealsByStart.map(amount).sort((a: number, b: number) => b - a));
    expect(deals.map(amount)).not.toEqual(dealsByStart.map(amount));
    expect(
      (await api.request(reviewUrl("").replace("/review?", "/review/records?metric=coverage.open&order=size&"))).status,
    ).toBe(400);
  });

  it("gives null, not 0, for rates and durations of empty populations", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    const body: Body = await (
      await api.request(`/api/v1/workspaces/acme/review?week=2026-W20&asOf=${STORY_AS_OF}&serviceLine=all&trend=false`)
    ).json();
    const all = body.rows[0];
    expect(all.responseTime).toEqual({
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
    expect(all.acceptance).toMatchObject({ rate: null, medianHoursToDecision: null });
    expect(all.conversion).toMatchObject({ salRate: null, mqlToClosedWonRate: null });
    expect(all.winRate).toMatchObject({ won: 0, rate: null, amountRate: null });
    // A week after T: nothing has happened yet, deals are read as of T, and FY2026-Q2 has no target.
    expect(all.coverage).toMatchObject({ period: "FY2026-Q2", quota: null, ratio: null });
  });

  it("pages through the records behind a count and exports them as CSV", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    const records = (query: string) =>
      api.request(`/api/v1/workspaces/acme/review/records?week=${STORY_WEEK}&asOf=${STORY_AS_OF}&${query}`);
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 3; page++) {
      const body: Body = await (await records(`metric=responseTime.breached&limit=1${cursor}`)).json();
      expect(body).toMatchObject({ total: 3, metric: "responseTime.breached" });
      seen.push(`${body.records[0].crmId}:${body.records[0].cycleIndex}`);
      cursor = body.nextCursor ? `&cursor=${body.nextCursor}` : "";
      expect(Boolean(body.nextCursor)).toBe(page < 2);
    }
    expect(seen.sort()).toEqual(["1002:0", "1002:1", "1004:0"]);
    const stalled: Body = await (await records("metric=velocity.proposal.stalled")).json();
    expect(stalled.records).toEqual([
      expect.objectContaining({
        recordType: "deal",
        crmId: "2002",
        stage: "proposal",
        startAt: "2026-02-17T10:00:00.000Z",
      }),
    ]);
    const csv = await records("metric=winRate.won&format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith("recordType,recordId,crm,crmId,name,link,")).toBe(true);
    expect((await records("metric=responseTime.late")).status).toBe(400);
    expect((await records("metric=responseTime.breached&cursor=nonsense")).status).toBe(400);
  });

  it("exports the review as CSV", async () => {
    api = await createTestApi();
    await setUp(api, "hubspot");
    const response = await api.request(reviewUrl("&format=csv"));
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("week,serviceLine,metric,figure,value");
    expect(lines).toContain("2026-W10,all,responseTime,breached,3");
    expect(lines).toContain("2026-W10,all,velocity.proposal,stalled,1");
    expect(lines).toContain("2026-W10,all,sourceMix.marketing,amount,80000");
  });
});

describe("the SQL-grouped review and core's in-memory review", () => {
  it("agree on every figure of every row and week", async () => {
    const api = await createTestApi();
    try {
      await setUp(api, "salesforce");
      const body: Body = await (await api.request(reviewUrl())).json();
      const db = api.deps.database.db;
      const facts = await factsFromRecords(db, "acme", storyDefinitions());
      const asOf = new Date(STORY_AS_OF);
      // W and W−1 with every row, and the 12 trend weeks (open and stalled counts at 12 different cutoffs).
      for (const week of [body, body.previous, ...body.trend]) {
        const expected = week.rows.map((r: Body) =>
          computeReviewRow({ ...facts, defs: storyDefinitions(), week: week.week, asOf, serviceLine: r.serviceLine }),
        );
        expect(week.rows).toEqual(JSON.parse(JSON.stringify(expected)));
      }
    } finally {
      await api.close();
    }
  });
});
