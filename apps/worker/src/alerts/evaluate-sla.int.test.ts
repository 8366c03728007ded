import {
  alertDeliveries,
  alertDeliveryAlerts,
  alerts,
  replaceSlaClocks,
  saveAlertRuleSettings,
  slaClocks,
} from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evaluateSla } from "../processors/evaluate-sla.ts";
import { addChannel, createAlertTestDeps, firstTouchClock } from "../testing/alert-harness.ts";

const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

describe("SLA evaluation", () => {
  let harness: Awaited<ReturnType<typeof createAlertTestDeps>>;
  beforeEach(async () => {
    harness = await createAlertTestDeps();
  });
  afterEach(async () => {
    await harness.close();
  });

  const alertKinds = async () =>
    (await harness.deps.database.db.select().from(alerts)).map((a) => `${a.entityId}:${a.kind}`).sort();

  it("records each alert once, whatever number of ticks and concurrent evaluators", async () => {
    const { deps } = harness;
    const now = new Date("2026-11-24T10:00:00Z");
    await addChannel(deps, {
      key: "hook",
      kind: "webhook",
      settings: { url: "http://127.0.0.1:9/x" },
      secrets: { signingSecret: "0123456789abcdef" },
    });
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [
        firstTouchClock("L1", now, { atRisk: -30, deadline: -10, escalate: 50 }),
        firstTouchClock("L2", now, { atRisk: -5, deadline: 15 }),
        firstTouchClock("L3", now, { atRisk: 20, deadline: 40 }),
      ],
    });
    const results = await Promise.all([
      evaluateSla(deps, { workspaceId: "acme" }, now),
      evaluateSla(deps, { workspaceId: "acme" }, now),
    ]);
    await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, 1));
    expect(results.reduce((sum, r) => sum + r.alertsCreated, 0)).toBe(3);
    expect(await alertKinds()).toEqual(["L1:at_risk", "L1:breached", "L2:at_risk"]);
    const deliveries = await deps.database.db.select().from(alertDeliveries);
    expect(deliveries).toHaveLength(3);

    // Later ticks add the escalation and L2's breach, and only those.
    await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, 60));
    await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, 61));
    expect(await alertKinds()).toEqual([
      "L1:at_risk",
      "L1:breached",
      "L1:escalated",
      "L2:at_risk",
      "L2:breached",
      "L3:at_risk",
      "L3:breached",
    ]);
    expect(await deps.database.db.select().from(alertDeliveries)).toHaveLength(7);
  });

  it("reads only clocks whose next threshold has come, and forgets clocks that can no longer alert", async () => {
    const { deps } = harness;
    const now = new Date("2026-11-24T10:00:00Z");
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [
        firstTouchClock("L1", now, { atRisk: -30, deadline: -10 }),
        firstTouchClock("L2", now, { atRisk: 20, deadline: 40 }),
      ],
    });
    expect((await evaluateSla(deps, { workspaceId: "acme" }, now)).clocksChecked).toBe(1);
    expect((await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, 1))).clocksChecked).toBe(0);
    const l1 = (await deps.database.db.select().from(slaClocks)).find((clock) => clock.entityId === "L1");
    expect(l1?.state).toBe("breached");
    expect(l1?.nextCheckAt).toBeNull();
  });

  it("an at-risk clock that then stops before its deadline never breaches", async () => {
    const { deps } = harness;
    const now = new Date("2026-11-24T10:00:00Z");
    const clock = firstTouchClock("L1", now, { atRisk: -5, deadline: 15, escalate: 75 });
    await replaceSlaClocks(deps.database.db, { workspaceId: "acme", entityIds: null, clocks: [clock] });
    await evaluateSla(deps, { workspaceId: "acme" }, now);
    expect(await alertKinds()).toEqual(["L1:at_risk"]);

    // The first touch arrives at +10 min (before the +15 deadline); the sync refreshes the clock.
    const stopped = firstTouchClock("L1", now, { atRisk: -5, deadline: 15, escalate: 75, stopped: 10 });
    await replaceSlaClocks(deps.database.db, { workspaceId: "acme", entityIds: ["L1"], clocks: [stopped] });
    for (const later of [16, 80, 600]) await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, later));
    expect(await alertKinds()).toEqual(["L1:at_risk"]);

    // A clock stopped before its at-risk point never alerts at all.
    const early = firstTouchClock("L9", now, { atRisk: 5, deadline: 25, stopped: 1 });
    await replaceSlaClocks(deps.database.db, { workspaceId: "acme", entityIds: ["L9"], clocks: [early] });
    await evaluateSla(deps, { workspaceId: "acme" }, minutes(now, 600));
    expect(await alertKinds()).toEqual(["L1:at_risk"]);
  });

  it("does not send alerts first seen a day after their threshold (back-fill), but records them", async () => {
    const { deps } = harness;
    const now = new Date("2026-11-24T10:00:00Z");
    await addChannel(deps, {
      key: "hook",
      kind: "webhook",
      settings: { url: "http://127.0.0.1:9/x" },
      secrets: { signingSecret: "0123456789abcdef" },
    });
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [firstTouchClock("OLD", now, { atRisk: -3000, deadline: -2980 })],
    });
    await evaluateSla(deps, { workspaceId: "acme" }, now);
    expect(await alertKinds()).toEqual(["OLD:at_risk", "OLD:breached"]);
    expect(await deps.database.db.select().from(alertDeliveries)).toHaveLength(0);
  });

  it("groups a tick's alerts into one message per owner, and holds them outside the calendar (quiet hours)", async () => {
    const { deps } = harness;
    const db = deps.database.db;
    await addChannel(deps, {
      key: "hook",
      kind: "webhook",
      settings: { url: "http://127.0.0.1:9/x" },
      secrets: { signingSecret: "0123456789abcdef" },
    });
    await saveAlertRuleSettings(db, {
      workspaceId: "acme",
      ruleKey: "first-touch",
      groupByOwner: true,
      quietHours: true,
    });
    // Saturday 28 November 2026, 11:00 in Paris: the business-hours calendar opens Monday 09:00 (08:00Z).
    const saturday = new Date("2026-11-28T10:00:00Z");
    const other = { ...firstTouchClock("L9", saturday, { atRisk: -5, deadline: 15 }), ownerId: "owner-2" };
    await replaceSlaClocks(db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [
        firstTouchClock("L1", saturday, { atRisk: -30, deadline: -10 }),
        firstTouchClock("L2", saturday, { atRisk: -5, deadline: 15 }),
        other,
      ],
    });
    const result = await evaluateSla(deps, { workspaceId: "acme" }, saturday);
    expect(result.alertsCreated).toBe(4);
    const deliveries = await db.select().from(alertDeliveries);
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.notBefore?.toISOString() === "2026-11-30T08:00:00.000Z")).toBe(true);
    const links = await db.select().from(alertDeliveryAlerts);
    const sizes = deliveries.map((d) => links.filter((l) => l.deliveryId === d.id).length).sort();
    expect(sizes).toEqual([1, 3]);
  });
});
