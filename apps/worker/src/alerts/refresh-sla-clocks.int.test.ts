import { alerts, insertDefinitionVersion, slaClocks, workspaceDefaultDefinitions } from "@revops/db";
import { insertTestActivity, insertTestConnection, insertTestLead } from "@revops/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evaluateSla } from "../processors/evaluate-sla.ts";
import { refreshSlaClocks } from "../processors/refresh-sla-clocks.ts";
import { createAlertTestDeps } from "../testing/alert-harness.ts";

const at = (iso: string) => new Date(iso);

describe("SLA clocks from synced records (workspace zone Europe/Paris, Mon-Fri 09:00-17:00)", () => {
  let harness: Awaited<ReturnType<typeof createAlertTestDeps>>;
  let scope: { workspaceId: string; connectionId: string; crm: "hubspot" };
  beforeEach(async () => {
    harness = await createAlertTestDeps();
    const db = harness.deps.database.db;
    const connectionId = await insertTestConnection(db, {
      workspaceId: "acme",
      crm: "hubspot",
      settings: { portalId: 4242 },
    });
    scope = { workspaceId: "acme", connectionId, crm: "hubspot" };
  });
  afterEach(async () => {
    await harness.close();
  });

  const mqlAt = (crmId: string, iso: string) =>
    insertTestLead(harness.deps.database.db, scope, {
      crmId,
      createdAt: at(iso),
      ownerCrmId: "o1",
      changes: [{ property: "lifecyclestage", value: "marketingqualifiedlead", at: at(iso) }],
    });
  const firstTouchClock = async (leadId: string) =>
    (await harness.deps.database.db.select().from(slaClocks)).find(
      (c) => c.entityId === leadId && c.ruleKey === "first-touch",
    );

  it("Friday 16:50 + 1 business hour across the spring DST weekend is Monday 09:50 local", async () => {
    // 2026-03-27 is a Friday (CET, UTC+1); clocks go forward on Sunday 29 March (CEST, UTC+2).
    const leadId = await mqlAt("c1", "2026-03-27T15:50:00Z");
    await refreshSlaClocks(harness.deps, { workspaceId: "acme", leadIds: [leadId], all: false });
    const clock = await firstTouchClock(leadId);
    expect(clock?.deadlineAt).toEqual(at("2026-03-30T07:50:00Z"));
    expect(clock?.atRiskAt).toEqual(at("2026-03-30T07:35:00Z"));
    expect(clock?.escalateAt).toEqual(at("2026-03-30T08:50:00Z"));
    expect(clock?.recordUrl).toBe("https://app.hubspot.com/contacts/4242/record/0-1/c1");

    const kinds = async () =>
      (await harness.deps.database.db.select().from(alerts)).filter((a) => a.entityId === leadId).map((a) => a.kind);
    await evaluateSla(harness.deps, { workspaceId: "acme" }, at("2026-03-30T07:49:00Z"));
    expect(await kinds()).toEqual(["at_risk"]);
    await evaluateSla(harness.deps, { workspaceId: "acme" }, at("2026-03-30T07:50:00Z"));
    expect((await kinds()).sort()).toEqual(["at_risk", "breached"]);
  });

  it("skips a holiday and follows the autumn DST change", async () => {
    const db = harness.deps.database.db;
    const defaults = await workspaceDefaultDefinitions(db, { workspaceId: "acme" });
    await insertDefinitionVersion(db, {
      workspaceId: "acme",
      createdBy: "test",
      diff: [],
      document: {
        ...defaults,
        calendars: defaults.calendars.map((c) => ({ ...c, holidays: ["2026-11-11"] })),
      },
    });
    // Tuesday 10 Nov 2026 16:30 Paris (UTC+1); Wednesday 11 Nov is a holiday: due Thursday 09:30.
    const holiday = await mqlAt("c2", "2026-11-10T15:30:00Z");
    // Friday 23 Oct 2026 16:30 CEST (UTC+2); clocks go back on Sunday 25 Oct: due Monday 09:30 CET.
    const autumn = await mqlAt("c3", "2026-10-23T14:30:00Z");
    await refreshSlaClocks(harness.deps, { workspaceId: "acme", all: true });
    expect((await firstTouchClock(holiday))?.deadlineAt).toEqual(at("2026-11-12T08:30:00Z"));
    expect((await firstTouchClock(autumn))?.deadlineAt).toEqual(at("2026-10-26T08:30:00Z"));
  });

  it("a first touch stops the clock on the next refresh, and no breach follows the at-risk alert", async () => {
    const db = harness.deps.database.db;
    const leadId = await mqlAt("c4", "2026-11-24T08:00:00Z"); // Tuesday 09:00 Paris: due 10:00 Paris
    await refreshSlaClocks(harness.deps, { workspaceId: "acme", leadIds: [leadId], all: false });
    await evaluateSla(harness.deps, { workspaceId: "acme" }, at("2026-11-24T08:50:00Z"));
    await insertTestActivity(db, scope, {
      crmId: "call-1",
      leadId,
      kind: "call",
      direction: "outbound",
      at: at("2026-11-24T08:55:00Z"),
    });
    await refreshSlaClocks(harness.deps, { workspaceId: "acme", leadIds: [leadId], all: false });
    expect((await firstTouchClock(leadId))?.stoppedAt).toEqual(at("2026-11-24T08:55:00Z"));
    await evaluateSla(harness.deps, { workspaceId: "acme" }, at("2026-11-24T12:00:00Z"));
    const kinds = (await db.select().from(alerts)).filter((a) => a.ruleKey === "first-touch").map((a) => a.kind);
    expect(kinds).toEqual(["at_risk"]);
  });
});
