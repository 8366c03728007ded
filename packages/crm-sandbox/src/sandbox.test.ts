import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, Signature } from "@hubspot/api-client";
import { Connection } from "jsforce";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningSandbox } from "./index.ts";
import { startTestSandbox, TEST_NOW } from "./testing.ts";

// Fixtures, fault injection, webhooks and live mode, end to end through both SDKs.
const running: RunningSandbox[] = [];
const start = async (options: Parameters<typeof startTestSandbox>[0] = {}) => {
  const sandbox = await startTestSandbox(options);
  running.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const hubspotOf = (s: RunningSandbox, numberOfApiCallRetries = 0) =>
  new Client({ accessToken: s.hubspot.privateAppToken, basePath: s.hubspot.baseUrl, numberOfApiCallRetries });
const salesforceOf = (s: RunningSandbox) =>
  new Connection({
    oauth2: {
      clientId: s.salesforce.clientId,
      clientSecret: s.salesforce.clientSecret,
      loginUrl: s.salesforce.loginUrl,
    },
    instanceUrl: s.salesforce.instanceUrl,
    refreshToken: s.salesforce.refreshToken,
    version: "60.0",
  });

describe("fixtures", () => {
  it("serves a fixture exactly as the sandbox it was exported from", async () => {
    const generated = await start({ leads: 150 });
    const fixture = JSON.parse(JSON.stringify(generated.control.exportFixture()));
    const loaded = await start({ fixture });
    const contactsOf = async (s: RunningSandbox) =>
      (
        await hubspotOf(s).crm.contacts.getAll(
          100,
          undefined,
          ["lifecyclestage", "hs_lead_status"],
          ["lifecyclestage", "hs_lead_status"],
        )
      )
        .map((c) => ({ id: c.id, properties: c.properties, history: c.propertiesWithHistory }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(await contactsOf(loaded)).toEqual(await contactsOf(generated));
    const ids = (await hubspotOf(loaded).crm.contacts.basicApi.getPage(100)).results.map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const deal = (await hubspotOf(generated).crm.deals.basicApi.getPage(1)).results[0]?.id ?? "";
    const linksOf = async (s: RunningSandbox) =>
      (await hubspotOf(s).crm.associations.v4.basicApi.getPage("deals", deal, "contacts")).results;
    expect(await linksOf(loaded)).toEqual(await linksOf(generated));
    const leadsOf = async (s: RunningSandbox) =>
      (
        await salesforceOf(s).query("SELECT Id, Status, CreatedDate, Service_Line__c FROM Lead ORDER BY Id", {
          scanAll: true,
        })
      ).records;
    expect(await leadsOf(loaded)).toEqual(await leadsOf(generated));
  });
});

describe("faults", () => {
  it("answers injected 500s that the SDK retries, and REQUEST_LIMIT_EXCEEDED for Salesforce", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const sandbox = await start();
    sandbox.control.setFaults({ rate500: 1 });
    const error = await hubspotOf(sandbox)
      .crm.deals.basicApi.getPage(1)
      .catch((e: { code: number; body: unknown }) => e);
    expect(error).toMatchObject({ code: 500, body: { status: "error" } });
    sandbox.control.setFaults({ rate500: 0.5 });
    expect((await hubspotOf(sandbox, 6).crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
    sandbox.control.setFaults({ rate500: 0, rate429: 1, target: "salesforce" });
    const sf = await Promise.resolve(salesforceOf(sandbox).query("SELECT Id FROM Lead")).catch(
      (e: { errorCode: string }) => e,
    );
    expect(sf).toMatchObject({ errorCode: "REQUEST_LIMIT_EXCEEDED" });
  });

  it("drops connections and lets requests time out", async () => {
    const sandbox = await start();
    sandbox.control.setFaults({ dropRate: 1 });
    await expect(hubspotOf(sandbox).crm.deals.basicApi.getPage(1)).rejects.toThrow();
    sandbox.control.setFaults({ dropRate: 0, timeoutRate: 1, timeoutMs: 100 });
    const startedAt = Date.now();
    await expect(hubspotOf(sandbox).crm.deals.basicApi.getPage(1)).rejects.toThrow();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(90);
    sandbox.control.setFaults({ timeoutRate: 0 });
    expect((await hubspotOf(sandbox).crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
  });

  it("revokes tokens at runtime", async () => {
    const sandbox = await start();
    sandbox.control.revokeTokens({ privateAppToken: true });
    const error = await hubspotOf(sandbox)
      .crm.deals.basicApi.getPage(1)
      .catch((e: { code: number }) => e);
    expect(error).toMatchObject({ code: 401 });
  });
});

async function webhookReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string; url: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body, url: req.url ?? "" });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("webhooks and live mode", () => {
  it("posts change events signed with X-HubSpot-Signature-v3", async () => {
    const sandbox = await start();
    const hook = await webhookReceiver();
    sandbox.control.subscribeWebhook({ url: hook.url });
    const [contact] = (await hubspotOf(sandbox).crm.contacts.basicApi.getPage(1)).results;
    sandbox.control.mutate({
      crm: "hubspot",
      objectType: "contacts",
      id: contact?.id ?? "",
      set: { hs_lead_status: "CONNECTED" },
    });
    await sandbox.control.flushWebhooks();
    await hook.close();
    const [delivery] = hook.received;
    const events = JSON.parse(delivery?.body ?? "[]");
    expect(events[0]).toMatchObject({
      subscriptionType: "contact.propertyChange",
      propertyName: "hs_lead_status",
      propertyValue: "CONNECTED",
      objectId: Number(contact?.id),
    });
    const valid = Signature.isValid({
      signatureVersion: "v3",
      signature: String(delivery?.headers["x-hubspot-signature-v3"]),
      clientSecret: sandbox.hubspot.clientSecret,
      requestBody: delivery?.body ?? "",
      url: hook.url,
      method: "POST",
      timestamp: Number(delivery?.headers["x-hubspot-request-timestamp"]),
    });
    expect(valid).toBe(true);
  });

  it("reveals new leads and stage changes as the clock moves", async () => {
    const sandbox = await start({ live: { speed: 0, futureDays: 7, tickMs: 20 } });
    const hook = await webhookReceiver();
    sandbox.control.subscribeWebhook({ url: hook.url, eventTypes: ["contact.creation", "deal.propertyChange"] });
    const client = hubspotOf(sandbox);
    const count = async () => (await client.crm.contacts.searchApi.doSearch({ limit: 1 })).total;
    const before = await count();
    sandbox.control.advanceClock(3 * 86_400_000);
    expect(sandbox.control.now().getTime()).toBe(Date.parse(TEST_NOW) + 3 * 86_400_000);
    expect(await count()).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 80));
    await sandbox.control.flushWebhooks();
    await hook.close();
    const events = hook.received.flatMap((d) => JSON.parse(d.body) as { subscriptionType: string }[]);
    expect(events.some((e) => e.subscriptionType === "contact.creation")).toBe(true);
    const leads = salesforceOf(sandbox);
    const latest = await leads.query<{ CreatedDate: string }>(
      "SELECT CreatedDate FROM Lead ORDER BY CreatedDate DESC LIMIT 1",
    );
    expect(Date.parse(latest.records[0]?.CreatedDate ?? "")).toBeGreaterThan(Date.parse(TEST_NOW));
  });
});

describe("mutations", () => {
  it("changes, deletes and merges records through the admin endpoint", { timeout: 20_000 }, async () => {
    const sandbox = await start();
    const sf = salesforceOf(sandbox);
    const [lead, other] = (await sf.query<{ Id: string }>("SELECT Id FROM Lead ORDER BY CreatedDate LIMIT 2")).records;
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/${path}`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    expect((await post("mutate", { crm: "salesforce", sobject: "Lead", id: lead?.Id, delete: true })).status).toBe(200);
    expect(
      (await post("mutate", { crm: "salesforce", sobject: "Lead", id: "00Q000000000000AAA", delete: true })).status,
    ).toBe(400);
    const deleted = await sf.query(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${lead?.Id}'`, { scanAll: true });
    expect(deleted.records[0]).toMatchObject({ IsDeleted: true });
    expect((await sf.query(`SELECT Id FROM Lead WHERE Id = '${lead?.Id}'`)).totalSize).toBe(0);
    const window = await sf
      .sobject("Lead")
      .deleted(new Date(Date.parse(TEST_NOW) - 86_400_000), new Date(Date.parse(TEST_NOW) + 60_000));
    expect(window.deletedRecords.map((r) => r.id)).toContain(lead?.Id);
    sandbox.control.mutate({
      crm: "salesforce",
      sobject: "Lead",
      id: other?.Id ?? "",
      set: { Status: "Closed - Not Converted" },
    });
    expect((await sf.query(`SELECT Status FROM Lead WHERE Id = '${other?.Id}'`)).records[0]).toMatchObject({
      Status: "Closed - Not Converted",
    });

    const hubspot = hubspotOf(sandbox);
    const [winner, loser] = (await hubspot.crm.contacts.basicApi.getPage(2)).results;
    await post("mutate", { crm: "hubspot", objectType: "contacts", id: loser?.id, mergeInto: winner?.id });
    const merged = await hubspot.crm.contacts.basicApi.getById(winner?.id ?? "", ["hs_merged_object_ids"]);
    expect(merged.properties.hs_merged_object_ids).toBe(loser?.id);
    const archived = await hubspot.crm.contacts.basicApi.getById(
      loser?.id ?? "",
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.archived).toBe(true);
    expect((await post("faults", { rate429: 2 })).status).toBe(400);
    // jsforce itself retries 5xx answers with backoff, so half of them failing still gets through.
    expect((await post("faults", { rate500: 0.5, target: "salesforce" })).status).toBe(200);
    expect((await sf.query("SELECT Id FROM User LIMIT 1")).records).toHaveLength(1);
  });
});
