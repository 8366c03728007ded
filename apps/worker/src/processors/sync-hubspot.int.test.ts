import type { RunningSandbox } from "@revops/crm-sandbox";
import { createConnection, findConnection, findCrmRecord, listSyncRuns, readSyncCursors } from "@revops/db";
import { recomputeFacts, refreshSlaClocks } from "@revops/queue";
import { createSecretBox, newKeyRingEntry } from "@revops/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseState, hubspotState, withoutEmails } from "../testing/sandbox-state.ts";
import { connectSandbox, createSyncTestDeps, startTestSandbox } from "../testing/sync-harness.ts";
import { syncConnectionJob } from "./sync-connection.ts";

describe("HubSpot sync against the sandbox", () => {
  let harness: Awaited<ReturnType<typeof createSyncTestDeps>>;
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    harness = await createSyncTestDeps();
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
    await harness.close();
  });

  it("full then incremental sync holds exactly the portal's funnel; re-running changes nothing", async () => {
    const { deps } = harness;
    const connection = await connectSandbox(deps, sandbox, "hubspot");
    const job = { workspaceId: "acme", connectionId: connection.id, reason: "manual" as const };
    const first = await syncConnectionJob(deps, { ...job, mode: "full" });
    expect(first.status).toBe("succeeded");
    const expected = withoutEmails(await hubspotState(sandbox));
    expect(Object.keys(expected.leads).length).toBeGreaterThan(50);
    expect(Object.keys(expected.deals).length).toBeGreaterThan(5);
    expect(Object.keys(expected.activities).length).toBeGreaterThan(50);
    expect(Object.values(expected.deals).filter((deal) => deal.leads.length > 0).length).toBeGreaterThan(5);
    const stages = ["lifecyclestage", "hs_lead_status"];
    expect(await databaseState(deps.database.db, "acme", stages)).toEqual(expected);
    expect((await readSyncCursors(deps.database.db, { connectionId: connection.id })).has("full")).toBe(false);

    // Changes in the CRM, then an incremental sync.
    const [leadId, otherLead, loser, winner] = Object.keys(expected.leads);
    const [dealId] = Object.keys(expected.deals);
    sandbox.control.advanceClock(60_000);
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "contacts",
      id: leadId ?? "",
      set: { lifecyclestage: "salesqualifiedlead" },
    });
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "deals",
      id: dealId ?? "",
      set: { dealstage: "closedwon", amount: "4242" },
    });
    sandbox.control.mutate({ crm: "hubspot", objectType: "contacts", id: otherLead ?? "", delete: true });
    sandbox.control.mutate({ crm: "hubspot", objectType: "contacts", id: loser ?? "", mergeInto: winner ?? "" });
    const second = await syncConnectionJob(deps, { ...job, mode: "incremental" });
    expect(second.status).toBe("succeeded");
    const after = withoutEmails(await hubspotState(sandbox));
    expect(after.leads[leadId ?? ""]?.stages.lifecyclestage).toBe("salesqualifiedlead");
    expect(after.leads[otherLead ?? ""]).toBeUndefined();
    expect(after.leads[loser ?? ""]).toBeUndefined();
    expect(await databaseState(deps.database.db, "acme", stages)).toEqual(after);
    // Facts and SLA clocks are recomputed: everything after the full sync, the touched records after the incremental.
    const recompute = (await deps.queues.queue(recomputeFacts.queue).getJobs(["waiting"])).map((j) => j.data);
    expect(recompute).toContainEqual(expect.objectContaining({ workspaceId: "acme", all: true }));
    const changed = await findCrmRecord(deps.database.db, {
      connectionId: connection.id,
      object: "lead",
      crmId: leadId ?? "",
    });
    expect(recompute.some((data) => data.leadIds?.includes(changed?.id))).toBe(true);
    expect(await deps.queues.queue(refreshSlaClocks.queue).getJobs(["waiting"])).not.toHaveLength(0);
    const merged = await findCrmRecord(deps.database.db, {
      connectionId: connection.id,
      object: "lead",
      crmId: loser ?? "",
    });
    expect(merged).toMatchObject({ mergedIntoCrmId: winner });
    expect(merged?.deletedAt).not.toBeNull();

    // Nothing changed: a re-run writes the same state.
    await syncConnectionJob(deps, { ...job, mode: "incremental" });
    expect(await databaseState(deps.database.db, "acme", stages)).toEqual(after);
    const runs = await listSyncRuns(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(runs.at(-1)?.pages).toBeGreaterThan(3);
  });

  it("with a lagging search index no change is lost, and a webhook's touched records are read directly", async () => {
    await sandbox.close();
    sandbox = await startTestSandbox({ indexLagMs: 1_500 });
    const { deps } = harness;
    const connection = await connectSandbox(deps, sandbox, "hubspot");
    const job = { workspaceId: "acme", connectionId: connection.id, reason: "manual" as const };
    await syncConnectionJob(deps, { ...job, mode: "full" });
    const stages = ["lifecyclestage", "hs_lead_status"];
    const [lagged, touched] = Object.keys((await hubspotState(sandbox)).leads);
    sandbox.control.advanceClock(60_000);
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "contacts",
      id: lagged ?? "",
      set: { hs_lead_status: "UNQUALIFIED" },
    });
    // The search index lags behind this change; the run right after it must not lose it for good.
    await syncConnectionJob(deps, { ...job, mode: "incremental" });
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await syncConnectionJob(deps, { ...job, mode: "incremental" });
    expect(await databaseState(deps.database.db, "acme", stages)).toEqual(withoutEmails(await hubspotState(sandbox)));

    // A webhook's touched ids are read directly (no search, no index lag).
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "contacts",
      id: touched ?? "",
      set: { lifecyclestage: "opportunity" },
    });
    const outcome = await syncConnectionJob(deps, {
      ...job,
      mode: "incremental",
      reason: "webhook",
      touched: { contacts: [touched ?? ""], deals: [] },
    });
    expect(outcome.status).toBe("succeeded");
    expect((await databaseState(deps.database.db, "acme", stages)).leads[touched ?? ""]?.stages.lifecyclestage).toBe(
      "opportunity",
    );
  });

  it("re-seals credentials sealed with a retired key (key rotation) and never stores them in clear", async () => {
    const oldKey = newKeyRingEntry(new Date("2025-01-01"));
    const rotated = await createSyncTestDeps({ ENCRYPTION_KEYS: `${newKeyRingEntry()},${oldKey}` });
    try {
      const { deps } = rotated;
      const token = sandbox.hubspot.privateAppToken;
      const connection = await createConnection(deps.database.db, {
        workspaceId: "acme",
        crm: "hubspot",
        name: "Old key",
        settings: { baseUrl: sandbox.hubspot.baseUrl },
        credentials: createSecretBox(oldKey).seal(JSON.stringify({ kind: "private_app", token })),
      });
      expect(JSON.stringify(connection.credentials)).not.toContain(token);
      const outcome = await syncConnectionJob(deps, {
        workspaceId: "acme",
        connectionId: connection.id,
        mode: "full",
        reason: "manual",
      });
      expect(outcome.status).toBe("succeeded");
      const stored = await findConnection(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
      expect(stored?.credentials.keyId).not.toBe(oldKey.split(":")[0]);
      expect(JSON.stringify(stored?.credentials)).not.toContain(token);
    } finally {
      await rotated.close();
    }
  });
});
