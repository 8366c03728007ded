import { type RunningSandbox, signatureV3, startSandbox } from "@revops/crm-sandbox";
import { ensureWorkspace } from "@revops/db";
import { syncConnection } from "@revops/queue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";

const base = "/api/v1/workspaces/acme";
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
type Body = any;
const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("CRM connections API", () => {
  let api: TestApi;
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    api = await createTestApi({ env: { ENCRYPTION_KEYS: "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" } });
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
    sandbox = await startSandbox({ seed: 7, leads: 50, now: "2026-11-24T12:00:00Z" });
  });
  afterEach(async () => {
    await sandbox.close();
    await api.close();
  });

  const createHubspot = async (credentials: Record<string, unknown>, settings: Record<string, unknown> = {}) => {
    const response = await api.request(
      `${base}/connections`,
      json("POST", {
        crm: "hubspot",
        name: "HubSpot",
        settings: { baseUrl: sandbox.hubspot.baseUrl, ...settings },
        credentials,
        syncNow: false,
      }),
    );
    return { status: response.status, text: await response.text() };
  };

  it("creates, reads, changes and deletes connections; credentials are never returned", async () => {
    const token = sandbox.hubspot.privateAppToken;
    const created = await createHubspot({ kind: "private_app", token });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(token);
    const connection: Body = JSON.parse(created.text);
    expect(connection).toMatchObject({
      crm: "hubspot",
      credentialsKind: "private_app",
      status: "ok",
      syncEveryMinutes: 15,
    });
    expect(connection.settings).toMatchObject({ serviceLineProperty: "service_line" });
    const listed = await api.request(`${base}/connections`);
    const listedText = await listed.text();
    expect(listedText).not.toContain(token);
    expect(JSON.parse(listedText).connections).toHaveLength(1);
    const patched = await api.request(
      `${base}/connections/${connection.id}`,
      json("PATCH", { name: "Main portal", syncEveryMinutes: 30 }),
    );
    expect(await patched.json()).toMatchObject({ name: "Main portal", syncEveryMinutes: 30 });
    const bad = await api.request(
      `${base}/connections`,
      json("POST", { crm: "hubspot", name: "x", credentials: { kind: "private_app" } }),
    );
    expect(bad.status).toBe(400);
    expect((await api.request(`${base}/connections/${connection.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api.request(`${base}/connections/${connection.id}`)).status).toBe(404);
  });

  it("the test says precisely what is wrong: bad token, unknown field", async () => {
    const good: Body = JSON.parse(
      (await createHubspot({ kind: "private_app", token: sandbox.hubspot.privateAppToken })).text,
    );
    expect(await (await api.request(`${base}/connections/${good.id}/test`, { method: "POST" })).json()).toEqual({
      ok: true,
      problems: [],
    });

    const badToken: Body = JSON.parse((await createHubspot({ kind: "private_app", token: "pat-na1-wrong" })).text);
    const badResult: Body = await (
      await api.request(`${base}/connections/${badToken.id}/test`, { method: "POST" })
    ).json();
    expect(badResult.ok).toBe(false);
    expect(badResult.problems[0].code).toBe("bad_credentials");

    const badField: Body = JSON.parse(
      (
        await createHubspot(
          { kind: "private_app", token: sandbox.hubspot.privateAppToken },
          { serviceLineProperty: "practice_area" },
        )
      ).text,
    );
    const fieldResult: Body = await (
      await api.request(`${base}/connections/${badField.id}/test`, { method: "POST" })
    ).json();
    expect(fieldResult.ok).toBe(false);
    expect(fieldResult.problems.map((p: Body) => p.code)).toEqual(["unknown_field", "unknown_field"]);
    expect(fieldResult.problems[0].message).toContain("practice_area");

    const salesforce = await api.request(
      `${base}/connections`,
      json("POST", {
        crm: "salesforce",
        name: "SF",
        settings: { loginUrl: sandbox.salesforce.loginUrl },
        credentials: {
          clientId: sandbox.salesforce.clientId,
          clientSecret: sandbox.salesforce.clientSecret,
          refreshToken: "5Aep-revoked",
        },
        syncNow: false,
      }),
    );
    const sfResult: Body = await (
      await api.request(`${base}/connections/${((await salesforce.json()) as Body).id}/test`, { method: "POST" })
    ).json();
    expect(sfResult.problems[0].code).toBe("bad_credentials");
  });

  it("queues syncs on demand and reports runs, freshness and data quality", async () => {
    const connection: Body = JSON.parse(
      (await createHubspot({ kind: "private_app", token: sandbox.hubspot.privateAppToken })).text,
    );
    const queued = await api.request(`${base}/connections/${connection.id}/sync`, json("POST", { mode: "full" }));
    expect(queued.status).toBe(202);
    const { jobId } = (await queued.json()) as Body;
    const job = await api.deps.queues.queue(syncConnection.queue).getJob(jobId);
    expect(job?.data).toMatchObject({ connectionId: connection.id, mode: "full", reason: "manual" });
    expect(
      (await api.request(`${base}/connections/${connection.id}/sync`, json("POST", { mode: "sideways" }))).status,
    ).toBe(400);
    expect(await (await api.request(`${base}/sync-runs`)).json()).toEqual({ runs: [] });
    const freshness: Body = await (await api.request(`${base}/freshness`)).json();
    expect(freshness.connections).toEqual([expect.objectContaining({ connectionId: connection.id, lastSyncAt: null })]);
    expect(await (await api.request(`${base}/data-quality`)).json()).toEqual({ total: 0, byKind: {}, problems: [] });
  });

  it("accepts only signed, fresh HubSpot webhooks and queues a sync of the touched records", async () => {
    const secret = sandbox.hubspot.clientSecret;
    const connection: Body = JSON.parse(
      (await createHubspot({ kind: "private_app", token: sandbox.hubspot.privateAppToken, webhookSecret: secret }))
        .text,
    );
    const url = `http://localhost/api/v1/webhooks/hubspot/${connection.id}`;
    const body = JSON.stringify([
      { objectId: 101, subscriptionType: "contact.propertyChange" },
      { objectId: 900, subscriptionType: "deal.deletion" },
    ]);
    const send = (timestamp: number, signature = signatureV3(secret, "POST", url, body, timestamp)) =>
      api.anonymous(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hubspot-signature-v3": signature,
          "x-hubspot-request-timestamp": String(timestamp),
        },
        body,
      });
    expect((await send(Date.now(), "forged")).status).toBe(401);
    expect((await send(Date.now() - 6 * 60_000)).status).toBe(401);
    const accepted = await send(Date.now());
    expect(accepted.status).toBe(202);
    const jobs = await api.deps.queues.queue(syncConnection.queue).getJobs(["waiting"]);
    // The connection's incremental scheduler runs one interval from now; the webhook's sync is queued now.
    const schedulers = await api.deps.queues.queue(syncConnection.queue).getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every])).toEqual([
      [`sync-connection:${connection.id}`, 15 * 60_000],
    ]);
    expect(jobs.filter((job) => job.data.reason === "schedule")).toHaveLength(0);
    expect(jobs.filter((job) => job.data.reason === "webhook").map((job) => job.data)).toEqual([
      expect.objectContaining({
        mode: "incremental",
        reason: "webhook",
        touched: { contacts: ["101"], deals: ["900"] },
      }),
    ]);
  });
});
