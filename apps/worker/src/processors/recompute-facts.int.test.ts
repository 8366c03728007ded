import { defaultDefinitions } from "@revops/core";
import type { DatabaseHandle } from "@revops/db";
import {
  dataQualityProblems,
  dealFacts,
  dealStateSpans,
  ensureWorkspace,
  FACTS_FORMAT,
  factsState,
  insertDefinitionVersion,
  mqlCycleFacts,
  propertyChanges,
  stageSpanFacts,
} from "@revops/db";
import {
  createTestDatabase,
  insertTestActivity,
  insertTestConnection,
  insertTestDeal,
  insertTestLead,
} from "@revops/db/testing";
import { JobQueues, recomputeFacts, refreshSlaClocks } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createLogger } from "@revops/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recomputeFactsJob } from "./recompute-facts.ts";
import { upgradeOldFacts } from "./upgrade-facts.ts";

const byIndex = <T extends { cycleIndex: number }>(rows: T[]) => rows.sort((a, b) => a.cycleIndex - b.cycleIndex);
const t = (text: string) => new Date(`${text}:00.000Z`);

describe("recomputeFacts", () => {
  let database: DatabaseHandle;
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let queues: JobQueues;
  let deps: Parameters<typeof recomputeFactsJob>[0];
  beforeEach(async () => {
    database = await createTestDatabase();
    redis = await createTestRedis();
    queues = new JobQueues(redis.redis, redis.prefix);
    deps = { database, queues, logger: createLogger({ level: "silent", pretty: false, name: "test" }) };
    await ensureWorkspace(database.db, { id: "acme", name: "Acme" });
  });
  afterEach(async () => {
    await queues.close();
    await redis.cleanup();
    await database.close();
  });

  async function story() {
    const db = database.db;
    const connectionId = await insertTestConnection(db, { workspaceId: "acme", crm: "hubspot" });
    const scope = { workspaceId: "acme", connectionId, crm: "hubspot" as const };
    const lead = await insertTestLead(db, scope, {
      crmId: "101",
      createdAt: t("2026-03-02T09:00"),
      serviceLineRaw: "Mystery",
      changes: [
        { property: "lifecyclestage", value: "marketingqualifiedlead", at: t("2026-03-02T09:00") },
        { property: "hs_lead_status", value: "UNQUALIFIED", at: t("2026-03-02T12:00") },
        { property: "lifecyclestage", value: "marketingqualifiedlead", at: t("2026-03-03T09:00") },
        { property: "hs_lead_status", value: "SOMETHING_NEW", at: t("2026-03-03T09:30") },
        { property: "hs_lead_status", value: "ALSO_NEW", at: t("2026-03-03T09:40") },
      ],
    });
    await insertTestActivity(db, scope, { crmId: "c1", leadId: lead, kind: "call", at: t("2026-03-02T09:20") });
    const deal = await insertTestDeal(db, scope, {
      crmId: "201",
      createdAt: t("2026-03-04T10:00"),
      pipelineId: "default",
      leadIds: [lead],
      changes: [
        { property: "dealstage", value: "appointmentscheduled", at: t("2026-03-04T10:00") },
        { property: "amount", value: "1000", at: t("2026-03-04T10:00") },
        { property: "closedate", value: "2026-03-31", at: t("2026-03-04T10:00") },
      ],
    });
    return { lead, deal, scope };
  }

  it("stores cycles, spans and deals with the definitions version, and asks for the SLA clocks", async () => {
    const { lead, deal } = await story();
    const result = await recomputeFactsJob(deps, { workspaceId: "acme", all: true, reason: "test" });
    expect(result).toEqual({ leads: 1, deals: 1, definitionsVersion: 0 });
    const db = database.db;
    const cycles = byIndex(await db.select().from(mqlCycleFacts));
    expect(cycles).toHaveLength(2);
    expect(cycles[0]).toMatchObject({
      leadId: lead,
      startAt: t("2026-03-02T09:00"),
      endAt: t("2026-03-03T09:00"),
      firstTouchAt: t("2026-03-02T09:20"),
      responseMinutes: 20,
      responseBusinessMinutes: 20,
      rejectedAt: t("2026-03-02T12:00"),
      acceptedAt: null,
      slaRuleKey: "first-touch",
      slaTargetMinutes: 60,
      slaDeadlineAt: t("2026-03-02T10:00"),
      serviceLine: "unassigned",
      definitionsVersion: 0,
    });
    expect(cycles[1]).toMatchObject({
      firstTouchAt: null,
      reachedOpportunityAt: t("2026-03-04T10:00"),
      acceptedAt: t("2026-03-04T10:00"),
    });
    const [dealRow] = await db.select().from(dealFacts);
    expect(dealRow).toMatchObject({
      dealId: deal,
      serviceLine: "unassigned",
      closeDateMin: "2026-03-31",
      lastClosedAt: null,
    });
    expect(dealRow?.record.amountChanges[0]?.value).toBe(1000);
    const dealSpans = (await db.select().from(stageSpanFacts)).filter((s) => s.entityId === deal);
    expect(dealSpans).toEqual([
      expect.objectContaining({
        stage: "opportunity",
        spanIndex: 0,
        leftAt: null,
        stallRuleKey: "max-age-opportunity",
      }),
    ]);
    const problems = await db.select().from(dataQualityProblems);
    expect(problems.map((p) => [p.object, p.crmId, p.field, p.value]).sort()).toEqual([
      // One row per unmapped value (spec §1: each value is listed).
      ["lead", "101", "hs_lead_status", "ALSO_NEW"],
      ["lead", "101", "hs_lead_status", "SOMETHING_NEW"],
      ["lead", "101", "serviceLine", "Mystery"],
    ]);
    const jobs = await queues.queue(refreshSlaClocks.queue).getJobs(["waiting"]);
    expect(jobs.map((j) => j.data)).toEqual([expect.objectContaining({ workspaceId: "acme", all: true })]);
  });

  it("recomputes incrementally: a changed deal updates its lead's cycles too", async () => {
    const { lead, deal } = await story();
    await recomputeFactsJob(deps, { workspaceId: "acme", all: true, reason: "test" });
    const db = database.db;
    await db.insert(propertyChanges).values({
      workspaceId: "acme",
      entityKind: "deal",
      entityId: deal,
      property: "dealstage",
      value: "closedwon",
      changedAt: t("2026-03-05T15:00"),
      provenance: "history",
    });
    const result = await recomputeFactsJob(deps, { workspaceId: "acme", dealIds: [deal], all: false, reason: "sync" });
    expect(result).toMatchObject({ leads: 1, deals: 1 });
    const cycles = byIndex(await db.select().from(mqlCycleFacts)).filter((c) => c.leadId === lead);
    expect(cycles.map((c) => c.reachedClosedWonAt)).toEqual([null, t("2026-03-05T15:00")]);
    const [dealRow] = await db.select().from(dealFacts);
    expect(dealRow?.lastClosedAt).toEqual(t("2026-03-05T15:00"));
    const jobs = await queues.queue(refreshSlaClocks.queue).getJobs(["waiting"]);
    expect(jobs.map((j) => j.data)).toContainEqual(
      expect.objectContaining({ leadIds: [lead], dealIds: [deal], all: false }),
    );
  });

  it("applies a new definitions version and clears problems a new mapping resolved", async () => {
    await story();
    await recomputeFactsJob(deps, { workspaceId: "acme", all: true, reason: "test" });
    const defs = defaultDefinitions();
    await insertDefinitionVersion(database.db, {
      workspaceId: "acme",
      createdBy: "test",
      diff: [],
      document: {
        ...defs,
        serviceLines: [{ key: "mystery", label: "Mystery" }],
        serviceLineMap: [{ crm: "hubspot", value: "Mystery", serviceLine: "mystery" }],
      },
    });
    await recomputeFactsJob(deps, { workspaceId: "acme", all: true, reason: "definitions" });
    const cycles = await database.db.select().from(mqlCycleFacts);
    expect(cycles.map((c) => [c.serviceLine, c.definitionsVersion])).toEqual([
      ["mystery", 1],
      ["mystery", 1],
    ]);
    const problems = await database.db.select().from(dataQualityProblems);
    expect(problems.map((p) => [p.field, p.value]).sort()).toEqual([
      ["hs_lead_status", "ALSO_NEW"],
      ["hs_lead_status", "SOMETHING_NEW"],
    ]);
  });

  it("stores each deal's states and closes, and fills them for facts of an older layout at boot", async () => {
    const { deal } = await story();
    await recomputeFactsJob(deps, { workspaceId: "acme", all: true, reason: "test" });
    const db = database.db;
    const spans = await db.select().from(dealStateSpans);
    expect(spans.map((s) => [s.dealId, s.stage, s.amount, s.closeDate, s.validFrom.toISOString(), s.validTo])).toEqual([
      [deal, "opportunity", 1000, "2026-03-31", "2026-03-04T10:00:00.000Z", null],
    ]);
    expect(await upgradeOldFacts(deps)).toEqual([]);

    // An install upgraded from the layout before deal states: the table is empty, the format 0.
    await db.delete(dealStateSpans);
    await db.update(factsState).set({ factsFormat: 0 });
    expect(await upgradeOldFacts(deps)).toEqual(["acme"]);
    // A restart before the job ran does not queue it twice.
    await upgradeOldFacts(deps);
    const queued = await queues.queue(recomputeFacts.queue).getJobs(["waiting"]);
    expect(queued.map((j) => j.data)).toEqual([expect.objectContaining({ workspaceId: "acme", all: true })]);
    await recomputeFactsJob(deps, recomputeFacts.payload.parse(queued[0]?.data));
    expect((await db.select().from(dealStateSpans)).map((s) => s.dealId)).toEqual([deal]);
    expect((await db.select().from(factsState))[0]?.factsFormat).toBe(FACTS_FORMAT);
    expect(await upgradeOldFacts(deps)).toEqual([]);
  });
});
