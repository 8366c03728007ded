import { computeReviewRow, weekBounds, weeksBack } from "@revops/core";
import {
  countOpenSpans,
  countOpenSpansAt,
  dealCloseFacts,
  dealStateSpans,
  ensureWorkspace,
  FACTS_FORMAT,
  factsState,
  factsStatus,
  insertDefinitionVersion,
  readCachedReviewWeeks,
  writeCachedReviewWeeks,
} from "@revops/db";
import { insertTestLead } from "@revops/db/testing";
import { recomputeFactsJob } from "@revops/worker/recompute-facts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
/** Late enough that every week of the story has settled (all decisions, reaches and deadlines passed). */
const LATE = "2026-06-30T00:00:00.000Z";

describe("the settled-week cache of the review", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let ids: StoryIds;
  beforeEach(async () => {
    api = await createTestApi();
    const db = api.deps.database.db;
    await ensureWorkspace(db, { id: "acme", name: "Acme" });
    await insertDefinitionVersion(db, {
      workspaceId: "acme",
      document: storyDefinitions(),
      createdBy: "test",
      diff: [],
    });
    ids = await insertReviewStory(db, { workspaceId: "acme", crm: "hubspot", settings: { portalId: "4242" } });
    await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
  });
  afterEach(async () => {
    await api.close();
  });

  const review = async (asOf: string, extra = ""): Promise<Body> => {
    const response = await api.request(`/api/v1/workspaces/acme/review?week=${STORY_WEEK}&asOf=${asOf}${extra}`);
    expect(response.status).toBe(200);
    return response.json();
  };
  /** Every cached week of the story's span (any settledAt), oldest first. */
  const cachedWeeks = async () =>
    (
      await readCachedReviewWeeks(api.deps.database.db, {
        workspaceId: "acme",
        definitionsVersion: 1,
        weeks: weeksBack("2026-W30", 60),
        asOf: new Date("2100-01-01T00:00:00Z"),
      })
    )
      .map((c) => ({ week: c.week, settledAt: c.settledAt }))
      .sort((a, b) => a.week.localeCompare(b.week));
  /** Every row of W, W−1 and the trend, as core computes it in memory from facts rebuilt from the records. */
  const expectCoreNumbers = async (body: Body, asOf: string) => {
    const facts = await factsFromRecords(api.deps.database.db, "acme", storyDefinitions());
    for (const week of [body, body.previous, ...body.trend]) {
      const expected = week.rows.map((r: Body) =>
        computeReviewRow({
          ...facts,
          defs: storyDefinitions(),
          week: week.week,
          asOf: new Date(asOf),
          serviceLine: r.serviceLine,
        }),
      );
      expect(week.rows, week.week).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  };

  it("caches only weeks settled at asOf and serves them with the exact path's numbers", async () => {
    const first = await review(STORY_AS_OF);
    const weeks = (await cachedWeeks()).map((c) => c.week);
    // asOf falls inside W (2026-W10): W is not settled, the twelve weeks before it are.
    expect(weeks).not.toContain(STORY_WEEK);
    expect(weeks).toContain("2026-W09");
    expect(weeks).toHaveLength(11);
    const second = await review(STORY_AS_OF);
    expect(second).toEqual(first);
    await expectCoreNumbers(second, STORY_AS_OF);
    // The second answer did come from the cache: a marked cached row shows through.
    const db = api.deps.database.db;
    const [w09] = await readCachedReviewWeeks(db, {
      workspaceId: "acme",
      definitionsVersion: 1,
      weeks: ["2026-W09"],
      asOf: new Date(STORY_AS_OF),
    });
    if (!w09) throw new Error("2026-W09 is not cached");
    const marked = (w09.rows as Body[]).map((r) => ({ ...r, responseTime: { ...r.responseTime, mqls: 999 } }));
    const { generation } = await factsStatus(db, { workspaceId: "acme" });
    await writeCachedReviewWeeks(db, {
      workspaceId: "acme",
      definitionsVersion: 1,
      generation,
      weeks: [{ ...w09, rows: marked }],
    });
    expect((await review(STORY_AS_OF)).previous.rows[0].responseTime.mqls).toBe(999);
    await writeCachedReviewWeeks(db, {
      workspaceId: "acme",
      definitionsVersion: 1,
      generation,
      weeks: [w09],
    });

    await review(LATE);
    expect((await cachedWeeks()).map((c) => c.week)).toContain(STORY_WEEK);
    const cached = await review(LATE);
    await expectCoreNumbers(cached, LATE);
    // One line from weeks cached with every line; the trend of that line too.
    await expectCoreNumbers(await review(LATE, "&serviceLine=cloud"), LATE);
    await expectCoreNumbers(await review(LATE, "&serviceLine=unassigned&trend=false"), LATE);
  });

  it("never serves a week before its settledAt: pending vs breached and point-in-time states stay exact", async () => {
    const late = await review(LATE, "&trend=false");
    const settledAt = (await cachedWeeks()).find((c) => c.week === STORY_WEEK)?.settledAt as Date;
    expect(settledAt.getTime()).toBeGreaterThanOrEqual(new Date(late.end).getTime());
    // W is cached now, but as of the story's T (inside W) it must be computed: L5 is still pending then.
    const atT = await review(STORY_AS_OF, "&trend=false");
    await expectCoreNumbers(atT, STORY_AS_OF);
    expect(atT.rows[0].responseTime.pending).toBe(1);
    expect(late.rows[0].responseTime.pending).toBe(0);
    const justBefore = new Date(settledAt.getTime() - 1).toISOString();
    await expectCoreNumbers(await review(justBefore, "&trend=false"), justBefore);
  });

  it("an incremental recompute drops the cached weeks its records can change, and only those", async () => {
    await review(LATE);
    const before = await cachedWeeks();
    expect(before.map((c) => c.week)).toEqual(weeksBack(STORY_WEEK, 12));
    // A lead that became an MQL in 2026-W05 (week of Jan 26): W05 and every later week can change.
    const scope = { workspaceId: "acme", connectionId: ids.connectionId, crm: "hubspot" as const };
    const late = await insertTestLead(api.deps.database.db, scope, {
      crmId: "1099",
      createdAt: new Date("2026-01-28T10:00:00Z"),
      serviceLineRaw: "Cloud",
      sourceRaw: "Web",
      changes: [{ property: "lifecyclestage", value: "marketingqualifiedlead", at: new Date("2026-01-28T10:00:00Z") }],
    });
    await recomputeFactsJob(api.deps, { workspaceId: "acme", leadIds: [late], all: false, reason: "test" });
    const kept = (await cachedWeeks()).map((c) => c.week);
    expect(kept).toEqual(before.map((c) => c.week).filter((w) => w < "2026-W05"));
    const after = await review(LATE);
    await expectCoreNumbers(after, LATE);
    const w05 = after.trend.find((w: Body) => w.week === "2026-W05");
    expect(w05.rows[0].responseTime.mqls).toBe(1);
  });

  it("reads the records while the stored facts predate their layout (an upgrade before its full recompute)", async () => {
    const db = api.deps.database.db;
    await db.delete(dealStateSpans);
    await db.delete(dealCloseFacts);
    await db.update(factsState).set({ factsFormat: FACTS_FORMAT - 1 });
    const upgrading = await review(LATE);
    expect(upgrading.computedFrom).toBe("records");
    await expectCoreNumbers(upgrading, LATE);
    expect(upgrading.rows[0].coverage.openPipeline + upgrading.rows[0].coverage.closedWon).toBeGreaterThan(0);
    expect(await cachedWeeks()).toEqual([]);
    await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
    const upgraded = await review(LATE);
    expect(upgraded.computedFrom).toBe("facts");
    expect(upgraded.rows).toEqual(upgrading.rows);
    expect(upgraded.trend).toEqual(upgrading.trend);
  });

  it("refuses to cache rows computed from facts older than the current generation", async () => {
    await review(LATE);
    const stale = await writeCachedReviewWeeks(api.deps.database.db, {
      workspaceId: "acme",
      definitionsVersion: 1,
      generation: -5,
      weeks: [
        {
          week: "2030-W01",
          weekEnd: new Date("2030-01-07T00:00:00Z"),
          settledAt: new Date("2030-01-07T00:00:00Z"),
          hasUnassigned: false,
          rows: [],
        },
      ],
    });
    expect(stale).toBe(false);
    expect((await cachedWeeks()).map((c) => c.week)).not.toContain("2030-W01");
  });
});

describe("open and stalled counts from the weekly edge counts", () => {
  it("equal a pass over the spans at week boundaries and inside weeks, across DST, after incremental writes", async () => {
    const api = await createTestApi();
    try {
      const db = api.deps.database.db;
      await ensureWorkspace(db, { id: "acme", name: "Acme" });
      // Berlin: weeks start at local midnight, and 2026-03-29 is a DST change.
      const defs = { ...storyDefinitions(), timezone: "Europe/Berlin" };
      await insertDefinitionVersion(db, { workspaceId: "acme", document: defs, createdBy: "test", diff: [] });
      const ids = await insertReviewStory(db, { workspaceId: "acme", crm: "hubspot", settings: { portalId: "4242" } });
      await recomputeFactsJob(api.deps, { workspaceId: "acme", all: true, reason: "test" });
      const instants: Date[] = [];
      for (let t = Date.parse("2026-02-01T00:00:00Z"); t < Date.parse("2026-05-01T00:00:00Z"); t += 5 * 3_600_000) {
        instants.push(new Date(t));
      }
      for (const week of weeksBack("2026-W17", 14)) instants.push(weekBounds(week, defs.timezone).start);
      const sorted = (rows: Awaited<ReturnType<typeof countOpenSpans>>) => rows.map((r) => JSON.stringify(r)).sort();
      const agree = async () => {
        for (const at of instants) {
          const fromEdges = await countOpenSpansAt(db, { workspaceId: "acme", at: [at], timeZone: defs.timezone });
          const fromSpans = await countOpenSpans(db, { workspaceId: "acme", at: [at] });
          expect(sorted(fromEdges), at.toISOString()).toEqual(sorted(fromSpans));
        }
        const all = await countOpenSpansAt(db, { workspaceId: "acme", at: instants, timeZone: defs.timezone });
        expect(sorted(all)).toEqual(sorted(await countOpenSpans(db, { workspaceId: "acme", at: instants })));
        return all.length;
      };
      // The weekly counts are built in the workspace's zone, so they are what countOpenSpansAt reads.
      expect((await factsStatus(db, { workspaceId: "acme" })).edgesTimezone).toBe("Europe/Berlin");
      expect(await agree()).toBeGreaterThan(100);
      // Incremental writes after the rebuild: every story record again, and a lead entering across the DST change.
      const requalified = await insertTestLead(
        db,
        { workspaceId: "acme", connectionId: ids.connectionId, crm: "hubspot" },
        {
          crmId: "1098",
          createdAt: new Date("2026-03-27T22:30:00Z"),
          serviceLineRaw: "Data",
          sourceRaw: "Web",
          changes: [
            { property: "lifecyclestage", value: "marketingqualifiedlead", at: new Date("2026-03-27T22:30:00Z") },
            { property: "lifecyclestage", value: "salesqualifiedlead", at: new Date("2026-03-30T07:00:00Z") },
          ],
        },
      );
      const leadIds = [...Object.values(ids.leads), requalified];
      await recomputeFactsJob(api.deps, {
        workspaceId: "acme",
        leadIds,
        dealIds: Object.values(ids.deals),
        all: false,
        reason: "test",
      });
      expect((await factsStatus(db, { workspaceId: "acme" })).edgesTimezone).toBe("Europe/Berlin");
      await agree();
    } finally {
      await api.close();
    }
  });
});
