import type { RunningSandbox } from "@revops/crm-sandbox";
import { findConnection, listDataQualityProblems, listSyncRuns } from "@revops/db";
import { afterEach, describe, expect, it } from "vitest";
import { databaseState, hubspotState, salesforceState, withoutEmails } from "../testing/sandbox-state.ts";
import { connectSandbox, createSyncTestDeps, startTestSandbox } from "../testing/sync-harness.ts";
import { syncConnectionJob } from "./sync-connection.ts";

describe("sync under faults", () => {
  let harness: Awaited<ReturnType<typeof createSyncTestDeps>> | undefined;
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await harness?.close();
  });

  it("10% injected 429s, 500s, timeouts and dropped connections give the same final data", async () => {
    harness = await createSyncTestDeps();
    sandbox = await startTestSandbox({
      leads: 150,
      faults: { rate429: 0.03, rate500: 0.03, timeoutRate: 0.02, dropRate: 0.02, timeoutMs: 1_000 },
    });
    const { deps } = harness;
    const settings = { requestTimeoutMs: 400 };
    const hubspot = await connectSandbox(deps, sandbox, "hubspot", settings);
    const salesforce = await connectSandbox(deps, sandbox, "salesforce", settings);
    const hs = await syncConnectionJob(deps, {
      workspaceId: "acme",
      connectionId: hubspot.id,
      mode: "full",
      reason: "manual",
    });
    const sf = await syncConnectionJob(deps, {
      workspaceId: "acme",
      connectionId: salesforce.id,
      mode: "full",
      reason: "manual",
    });
    expect([hs.status, sf.status]).toEqual(["succeeded", "succeeded"]);
    expect((hs.stats?.retries ?? 0) + (sf.stats?.retries ?? 0)).toBeGreaterThan(0);
    sandbox.control.setFaults({ rate429: 0, rate500: 0, timeoutRate: 0, dropRate: 0 });
    const hsExpected = withoutEmails(await hubspotState(sandbox));
    const sfExpected = await salesforceState(sandbox);
    const held = await databaseState(deps.database.db, "acme", ["lifecyclestage", "hs_lead_status", "Status"]);
    const crmOf = (id: string) =>
      id.startsWith("00Q") || id.startsWith("006") || id.startsWith("00T") || id.startsWith("00U") ? "sf" : "hs";
    const split = (which: "hs" | "sf") => ({
      leads: Object.fromEntries(Object.entries(held.leads).filter(([id]) => crmOf(id) === which)),
      deals: Object.fromEntries(Object.entries(held.deals).filter(([id]) => crmOf(id) === which)),
      activities: Object.fromEntries(Object.entries(held.activities).filter(([id]) => crmOf(id) === which)),
    });
    const stagesOf = (state: typeof held, properties: string[]) => ({
      ...state,
      leads: Object.fromEntries(
        Object.entries(state.leads).map(([id, lead]) => [
          id,
          { ...lead, stages: Object.fromEntries(properties.map((p) => [p, lead.stages[p] ?? null])) },
        ]),
      ),
    });
    expect(stagesOf(split("hs"), ["lifecyclestage", "hs_lead_status"])).toEqual(hsExpected);
    expect(stagesOf(split("sf"), ["Status"])).toEqual(sfExpected);
  });

  it("refreshes expired OAuth tokens mid-sync; a refused refresh token means 'reconnect'", async () => {
    harness = await createSyncTestDeps();
    sandbox = await startTestSandbox({ accessTokenTtlMs: 150, limits: { hubspot: { perTenSeconds: 400 } } });
    const { deps } = harness;
    const hs = sandbox.hubspot;
    const connection = await connectSandbox(
      deps,
      sandbox,
      "hubspot",
      {},
      {
        kind: "oauth",
        clientId: hs.clientId,
        clientSecret: hs.clientSecret,
        refreshToken: hs.refreshToken,
      },
    );
    const job = { workspaceId: "acme", connectionId: connection.id, reason: "manual" as const };
    const outcome = await syncConnectionJob(deps, { ...job, mode: "full" });
    expect(outcome.status).toBe("succeeded");
    expect(await databaseState(deps.database.db, "acme", ["lifecyclestage", "hs_lead_status"])).toEqual(
      withoutEmails(await hubspotState(sandbox)),
    );

    // Salesforce sessions expire the same way: INVALID_SESSION_ID → refresh → continue.
    const salesforce = await connectSandbox(deps, sandbox, "salesforce", { requestsPerSecond: 20 });
    const sfOutcome = await syncConnectionJob(deps, { ...job, connectionId: salesforce.id, mode: "full" });
    expect(sfOutcome.status).toBe("succeeded");
    expect((sfOutcome.stats?.requests ?? 0) > 10).toBe(true);
    const sfHeld = await databaseState(deps.database.db, "acme", ["Status"]);
    const sfExpected = await salesforceState(sandbox);
    expect(
      Object.keys(sfHeld.deals)
        .filter((id) => id.startsWith("006"))
        .sort(),
    ).toEqual(Object.keys(sfExpected.deals).sort());

    sandbox.control.revokeTokens({ crm: "hubspot", refreshTokens: true });
    const refused = await syncConnectionJob(deps, { ...job, mode: "incremental" });
    expect(refused.status).toBe("needs_reconnect");
    const stored = await findConnection(deps.database.db, { workspaceId: "acme", connectionId: connection.id });
    expect(stored?.status).toBe("needs_reconnect");
    expect(stored?.statusDetail).toMatch(/refresh token/i);
    const runs = await listSyncRuns(deps.database.db, { workspaceId: "acme" });
    expect(runs[0]?.status).toBe("needs_reconnect");
    // Scheduled runs wait for the user to reconnect.
    expect((await syncConnectionJob(deps, { ...job, mode: "incremental", reason: "schedule" })).status).toBe("skipped");
  });

  it("keeps a malformed record as far as valid, reports it with its CRM id, and syncs the rest", async () => {
    harness = await createSyncTestDeps();
    sandbox = await startTestSandbox();
    const { deps } = harness;
    const expectedBefore = withoutEmails(await hubspotState(sandbox));
    const [dealId, otherDeal] = Object.keys(expectedBefore.deals);
    const [leadId] = Object.keys(expectedBefore.leads);
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "deals",
      id: dealId ?? "",
      set: { amount: "12,5k", closedate: "31/12/2026" },
    });
    sandbox.control.mutate({ crm: "hubspot", objectType: "deals", id: otherDeal ?? "", set: { amount: "1e99" } });
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "contacts",
      id: leadId ?? "",
      set: { service_line: "x".repeat(5_000) },
    });
    const connection = await connectSandbox(deps, sandbox, "hubspot");
    const outcome = await syncConnectionJob(deps, {
      workspaceId: "acme",
      connectionId: connection.id,
      mode: "full",
      reason: "manual",
    });
    expect(outcome.status).toBe("succeeded");
    const held = await databaseState(deps.database.db, "acme", ["lifecyclestage", "hs_lead_status"]);
    const expected = withoutEmails(await hubspotState(sandbox));
    expect(Object.keys(held.leads).sort()).toEqual(Object.keys(expected.leads).sort());
    expect(Object.keys(held.deals).sort()).toEqual(Object.keys(expected.deals).sort());
    expect(held.deals[dealId ?? ""]).toMatchObject({ amount: null, stage: expected.deals[dealId ?? ""]?.stage });
    expect(held.leads[leadId ?? ""]?.serviceLine).toHaveLength(1_000);
    const { problems } = await listDataQualityProblems(deps.database.db, { workspaceId: "acme" });
    const found = problems.map((p) => [p.crmId, p.kind, p.field]).sort();
    expect(found).toEqual(
      [
        [dealId, "malformed_number", "amount"],
        [dealId, "malformed_date", "closedate"],
        [otherDeal, "huge_value", "amount"],
        [leadId, "huge_value", "service_line"],
      ].sort(),
    );
  });
});
