import type { RunningSandbox } from "@revops/crm-sandbox";
import { findConnection, findCrmRecord, listSyncRuns, loadLeadRecords } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseState, salesforceState } from "../testing/sandbox-state.ts";
import { connectSandbox, createSyncTestDeps, startTestSandbox } from "../testing/sync-harness.ts";
import { syncConnectionJob } from "./sync-connection.ts";

describe("Salesforce sync against the sandbox", () => {
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

  it("full then incremental sync holds exactly the org's funnel, deletions and merges included", async () => {
    const { deps } = harness;
    const connection = await connectSandbox(deps, sandbox, "salesforce");
    const job = { workspaceId: "acme", connectionId: connection.id, reason: "manual" as const };
    expect((await syncConnectionJob(deps, { ...job, mode: "full" })).status).toBe("succeeded");
    const expected = await salesforceState(sandbox);
    expect(Object.keys(expected.leads).length).toBeGreaterThan(50);
    expect(Object.values(expected.deals).filter((deal) => deal.leads.length > 0).length).toBeGreaterThan(5);
    expect(Object.keys(expected.activities).length).toBeGreaterThan(50);
    expect(await databaseState(deps.database.db, "acme", ["Status"])).toEqual(expected);
    // The org's instance URL, learnt with the access token, is kept for links to records.
    const stored = await findConnection(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
    expect(stored?.settings.instanceUrl).toBe(sandbox.salesforce.instanceUrl);

    // A lead's first transition is the value it was created with (OldValue of its first history row).
    const leads = await loadLeadRecords(deps.database.db, { workspaceId: "acme" });
    const changed = leads.find((lead) => lead.stageChanges.length > 1);
    expect(changed?.stageChanges[0]).toMatchObject({
      value: "Open - Not Contacted",
      provenance: "property",
      at: changed?.createdAt,
    });

    const [leadId, deletedLead, loser, winner] = Object.keys(expected.leads);
    const [dealId] = Object.keys(expected.deals);
    sandbox.control.advanceClock(60_000);
    sandbox.control.mutate({
      crm: "salesforce",
      sobject: "Lead",
      id: leadId ?? "",
      set: { Status: "Working - Contacted" },
    });
    sandbox.control.mutate({ crm: "salesforce", sobject: "Opportunity", id: dealId ?? "", set: { Amount: 777 } });
    sandbox.control.mutate({ crm: "salesforce", sobject: "Lead", id: deletedLead ?? "", delete: true });
    sandbox.control.mutate({ crm: "salesforce", sobject: "Lead", id: loser ?? "", mergeInto: winner ?? "" });
    expect((await syncConnectionJob(deps, { ...job, mode: "incremental" })).status).toBe("succeeded");
    const after = await salesforceState(sandbox);
    expect(after.leads[deletedLead ?? ""]).toBeUndefined();
    expect(after.leads[loser ?? ""]).toBeUndefined();
    expect(after.deals[dealId ?? ""]?.amount).toBe(777);
    expect(await databaseState(deps.database.db, "acme", ["Status"])).toEqual(after);
    const merged = await findCrmRecord(deps.database.db, {
      connectionId: connection.id,
      object: "lead",
      crmId: loser ?? "",
    });
    expect(merged).toMatchObject({ mergedIntoCrmId: winner });

    await syncConnectionJob(deps, { ...job, mode: "incremental" });
    expect(await databaseState(deps.database.db, "acme", ["Status"])).toEqual(after);
    const runs = await listSyncRuns(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });
});

describe("Salesforce full sync stopped while batches commit side by side", () => {
  it("resumed after each failure, holds exactly the org's funnel", async () => {
    // One attempt per request: an injected timeout stops the run wherever it falls, pages of several Task
    // batches in flight (on Postgres two commit side by side); each run resumes from the committed cursors.
    const harness = await createSyncTestDeps({ CRM_MAX_ATTEMPTS: "1" });
    const sandbox = await startTestSandbox({
      leads: 2_500,
      faults: { timeoutRate: 0.15, timeoutMs: 1_000, target: "salesforce" },
    });
    try {
      const { deps } = harness;
      const connection = await connectSandbox(deps, sandbox, "salesforce", { requestTimeoutMs: 300 });
      const job = {
        workspaceId: "acme",
        connectionId: connection.id,
        reason: "manual" as const,
        mode: "full" as const,
      };
      let failures = 0;
      for (let attempt = 0; attempt < 60; attempt++) {
        const outcome = await syncConnectionJob(deps, job).catch(() => undefined);
        if (outcome?.status === "succeeded") break;
        failures++;
      }
      expect(failures).toBeGreaterThan(0);
      const runs = await listSyncRuns(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
      expect(runs[0]?.status).toBe("succeeded");
      sandbox.control.setFaults({ timeoutRate: 0 });
      const expected = await salesforceState(sandbox);
      // More than two Task pages of 2,000: batches overlapped.
      expect(Object.keys(expected.activities).length).toBeGreaterThan(4_000);
      expect(await databaseState(deps.database.db, "acme", ["Status"])).toEqual(expected);
    } finally {
      await sandbox.close();
      await harness.close();
    }
  }, 120_000);
});
