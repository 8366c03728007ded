import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client.ts";
import { createTestDatabase } from "../testing/index.ts";
import { createConnection, deleteConnection } from "./connections.ts";
import {
  markDeleted,
  type SyncScope,
  upsertActivities,
  upsertDeals,
  upsertLeads,
  upsertPipelineStages,
} from "./crm-record-writes.ts";
import { listWorkspaceEntityIds, loadActivities, loadDealRecords, loadLeadRecords } from "./crm-records.ts";
import { ensureWorkspace } from "./workspaces.ts";

const t = (iso: string) => new Date(iso);

describe("canonical record loaders", () => {
  let handle: DatabaseHandle;
  let scope: SyncScope;
  beforeEach(async () => {
    handle = await createTestDatabase();
    await ensureWorkspace(handle.db, { id: "acme", name: "Acme" });
    await ensureWorkspace(handle.db, { id: "other", name: "Other" });
    const connection = await createConnection(handle.db, {
      workspaceId: "acme",
      crm: "hubspot",
      name: "HubSpot",
      settings: {},
      credentials: { keyId: "k1", sealed: "x" },
    });
    scope = { workspaceId: "acme", connectionId: connection.id, crm: "hubspot" };
  });
  afterEach(async () => {
    await handle.close();
  });

  async function seed() {
    // The deal arrives first and names its contact; the link resolves when the contact arrives.
    const dealIds = await upsertDeals(
      handle.db,
      scope,
      [
        {
          crmId: "900",
          name: "Big deal",
          pipelineId: "default",
          ownerCrmId: "7",
          serviceLineRaw: "consulting",
          sourceRaw: null,
          createdAt: t("2026-01-05T10:00:00Z"),
          modifiedAt: t("2026-01-09T10:00:00Z"),
          leadCrmIds: ["101"],
          changes: [
            {
              property: "dealstage",
              value: "appointmentscheduled",
              at: t("2026-01-05T10:00:00Z"),
              provenance: "history",
            },
            { property: "dealstage", value: "closedwon", at: t("2026-01-09T10:00:00Z"), provenance: "history" },
            { property: "amount", value: "1000", at: t("2026-01-05T10:00:00Z"), provenance: "history" },
            { property: "amount", value: "not a number", at: t("2026-01-06T10:00:00Z"), provenance: "history" },
            { property: "closedate", value: "2026-03-31", at: t("2026-01-05T10:00:00Z"), provenance: "history" },
          ],
        },
      ],
      { replaceProperties: ["dealstage", "amount", "closedate"] },
    );
    await upsertPipelineStages(handle.db, scope, [
      {
        pipelineId: "default",
        stageId: "appointmentscheduled",
        label: "Appt",
        probability: 0.2,
        isClosed: false,
        displayOrder: 0,
      },
      { pipelineId: "default", stageId: "closedwon", label: "Won", probability: 1, isClosed: true, displayOrder: 1 },
      { pipelineId: "other", stageId: "x", label: "X", probability: 0.5, isClosed: false, displayOrder: 0 },
    ]);
    await upsertActivities(handle.db, scope, [
      {
        crmId: "c1",
        leadCrmId: "101",
        kind: "call",
        direction: "outbound",
        automated: false,
        occurredAt: t("2026-01-02T10:00:00Z"),
        ownerCrmId: "7",
      },
    ]);
    const leadIds = await upsertLeads(
      handle.db,
      scope,
      [
        {
          crmId: "101",
          name: "Ada",
          email: "ada@example.com",
          ownerCrmId: "7",
          serviceLineRaw: "consulting",
          sourceRaw: "ORGANIC_SEARCH",
          tier: null,
          createdAt: t("2026-01-01T09:00:00Z"),
          modifiedAt: t("2026-01-03T09:00:00Z"),
          changes: [
            {
              property: "lifecyclestage",
              value: "marketingqualifiedlead",
              at: t("2026-01-01T09:00:00Z"),
              provenance: "history",
            },
            { property: "hs_lead_status", value: "IN_PROGRESS", at: t("2026-01-02T09:00:00Z"), provenance: "history" },
            { property: "service_line", value: "consulting", at: t("2026-01-01T09:00:00Z"), provenance: "history" },
          ],
        },
      ],
      { replaceProperties: ["lifecyclestage", "hs_lead_status"] },
    );
    return { dealId: dealIds.get("900") ?? "", leadId: leadIds.get("101") ?? "" };
  }

  it("return the core model: stage changes, links, amounts, close dates, probabilities, activities", async () => {
    const { dealId, leadId } = await seed();
    const [lead] = await loadLeadRecords(handle.db, { workspaceId: "acme" });
    expect(lead).toMatchObject({
      id: leadId,
      crm: "hubspot",
      crmId: "101",
      ownerId: "7",
      serviceLineRaw: "consulting",
      dealIds: [dealId],
    });
    expect(lead?.stageChanges.map((c) => [c.property, c.value])).toEqual([
      ["lifecyclestage", "marketingqualifiedlead"],
      ["hs_lead_status", "IN_PROGRESS"],
    ]);
    const [deal] = await loadDealRecords(handle.db, { workspaceId: "acme", dealIds: [dealId] });
    expect(deal?.leadIds).toEqual([leadId]);
    expect(deal?.stageChanges.map((c) => c.value)).toEqual(["appointmentscheduled", "closedwon"]);
    expect(deal?.amountChanges.map((c) => c.value)).toEqual([1000, null]);
    expect(deal?.closeDateChanges).toEqual([{ value: "2026-03-31", at: t("2026-01-05T10:00:00Z") }]);
    expect(deal?.probabilityByStage).toEqual({ appointmentscheduled: 0.2, closedwon: 1 });
    const activities = await loadActivities(handle.db, { workspaceId: "acme", leadIds: [leadId] });
    expect(activities).toMatchObject([{ crmId: "c1", leadId, kind: "call", direction: "outbound", automated: false }]);
    expect(await listWorkspaceEntityIds(handle.db, { workspaceId: "acme" })).toEqual({
      leadIds: [leadId],
      dealIds: [dealId],
    });
    expect(await loadLeadRecords(handle.db, { workspaceId: "other" })).toEqual([]);
  });

  it("are idempotent on re-sync and leave out deleted records", async () => {
    await seed();
    const { dealId, leadId } = await seed();
    const [lead] = await loadLeadRecords(handle.db, { workspaceId: "acme" });
    expect(lead?.stageChanges).toHaveLength(2);
    expect((await loadDealRecords(handle.db, { workspaceId: "acme" }))[0]?.amountChanges).toHaveLength(2);
    await markDeleted(handle.db, scope, "deal", [{ crmId: "900", at: t("2026-02-01T00:00:00Z") }]);
    expect((await loadLeadRecords(handle.db, { workspaceId: "acme" }))[0]?.dealIds).toEqual([]);
    expect(await listWorkspaceEntityIds(handle.db, { workspaceId: "acme" })).toEqual({
      leadIds: [leadId],
      dealIds: [],
    });
    expect(dealId).not.toBe("");
    expect(await deleteConnection(handle.db, { workspaceId: "acme", connectionId: scope.connectionId })).toBe(true);
    expect(await loadLeadRecords(handle.db, { workspaceId: "acme" })).toEqual([]);
  });
});
