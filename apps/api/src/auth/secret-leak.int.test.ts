import { createServer } from "node:net";
import { alertChannels, auditLog, connections, ensureUser, ensureWorkspace, upsertMembership } from "@revops/db";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newApp } from "../app.ts";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { hashPassword } from "./password.ts";

const secrets = {
  slackWebhook: "https://127.0.0.1:9/services/T000/B000/SLACKSECRETa1b2c3d4e5",
  signingSecret: "SIGNINGSECRET-9f8e7d6c5b4a",
  smtpPassword: "SMTPPASSWORD-55aa66bb77",
  userPassword: "USERPASSWORD-a long one",
  hubspotToken: "pat-na1-HUBSPOTTOKEN-0f1e2d3c",
  hubspotWebhookSecret: "HUBSPOTWEBHOOK-77de",
  salesforceSecret: "SFCLIENTSECRET-a1a2a3",
  salesforceRefresh: "SFREFRESH-5c6d7e8f",
};

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("secrets never leave", () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("appear in no log line (at trace level, unredacted), API response, error body or stored row", async () => {
    const logs: string[] = [];
    // The most talkative logger there is, without redaction: a secret must not even reach it.
    const logger = pino({ level: "trace" }, { write: (line: string) => logs.push(line) });
    const app = newApp({ ...api.deps, logger });
    const seen: string[] = [];
    const call = async (path: string, init: RequestInit = {}, credentials = api.testOwner.headers) => {
      const response = await app.request(path, { ...init, headers: { ...credentials, ...init.headers } });
      const headers = [...response.headers.entries()].filter(([name]) => name !== "set-cookie");
      const text = await response.text();
      seen.push(`${response.status} ${JSON.stringify(headers)} ${text}`);
      return { status: response.status, text };
    };
    const post = (body: unknown, method = "POST") => ({
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await upsertMembership(api.deps.database.db, { userId: api.testOwner.userId, workspaceId: "acme", role: "owner" });
    const base = "/api/v1/workspaces/acme";
    const port = await deadPort();

    const slack = await call(
      `${base}/channels`,
      post({ key: "sales", name: "Sales", kind: "slack", secrets: { webhookUrl: secrets.slackWebhook } }),
    );
    expect(slack.status).toBe(201);
    const hook = await call(
      `${base}/channels`,
      post({
        key: "hook",
        name: "Hook",
        kind: "webhook",
        settings: { url: `http://127.0.0.1:${port}/in` },
        secrets: { signingSecret: secrets.signingSecret },
      }),
    );
    const mail = await call(
      `${base}/channels`,
      post({
        key: "mail",
        name: "Mail",
        kind: "email",
        settings: { host: "127.0.0.1", port, from: "a@acme.test", recipients: ["ops@acme.test"], user: "ops" },
        secrets: { password: secrets.smtpPassword },
      }),
    );
    for (const created of [slack, hook, mail]) {
      const { id } = JSON.parse(created.text) as { id: string };
      // Failing deliveries: their error messages must not quote the secret.
      await call(`${base}/channels/${id}/test`, { method: "POST" });
      await call(`${base}/channels/${id}`, post({ secrets: { webhookUrl: 42 }, settings: "nope" }, "PATCH"));
    }
    // CRM connections: credentials go in, and must never come back, not even in a failed check.
    const hubspot = await call(
      `${base}/connections`,
      post({
        crm: "hubspot",
        name: "HubSpot",
        settings: { baseUrl: `http://127.0.0.1:${port}` },
        credentials: { kind: "private_app", token: secrets.hubspotToken, webhookSecret: secrets.hubspotWebhookSecret },
        syncNow: false,
      }),
    );
    const salesforce = await call(
      `${base}/connections`,
      post({
        crm: "salesforce",
        name: "Salesforce",
        settings: { loginUrl: `http://127.0.0.1:${port}` },
        credentials: {
          clientId: "sf-client",
          clientSecret: secrets.salesforceSecret,
          refreshToken: secrets.salesforceRefresh,
        },
        syncNow: false,
      }),
    );
    expect([hubspot.status, salesforce.status]).toEqual([201, 201]);
    for (const created of [hubspot, salesforce]) {
      const { id } = JSON.parse(created.text) as { id: string };
      await call(`${base}/connections/${id}/test`, { method: "POST" });
      await call(`${base}/connections/${id}`);
      await call(`${base}/connections/${id}`, post({ credentials: { kind: "private_app" } }, "PATCH"));
    }
    await call(`${base}/connections`);
    await call(`${base}/channels`);
    await call(`${base}/audit-log`);

    // Sign-in: right and wrong passwords, and a bearer that is not a token.
    const person = await ensureUser(api.deps.database.db, {
      email: "ana@acme.test",
      passwordHash: await hashPassword(secrets.userPassword, 10),
    });
    await upsertMembership(api.deps.database.db, { userId: person.id, workspaceId: "acme", role: "viewer" });
    await call("/api/v1/auth/sign-in", post({ email: "ana@acme.test", password: secrets.userPassword }), {});
    await call("/api/v1/auth/sign-in", post({ email: "ana@acme.test", password: `${secrets.userPassword}x` }), {});
    await call(`${base}/definitions`, {}, { authorization: `Bearer rvp_${secrets.signingSecret}` });

    const everything = [...seen, ...logs].join("\n");
    expect(logs.length).toBeGreaterThan(10);
    // The scan saw what it should: five failed checks (3 channels, 2 CRMs), rejected changes, sign-ins.
    expect(seen.filter((line) => line.includes('"ok":false'))).toHaveLength(5);
    expect(seen.filter((line) => line.startsWith("400 "))).toHaveLength(5);
    expect(seen.filter((line) => line.startsWith("401 "))).toHaveLength(2);
    for (const [name, secret] of Object.entries(secrets)) expect(everything, name).not.toContain(secret);
    expect(everything).not.toContain("SLACKSECRET");
    expect(everything).not.toContain(api.testOwner.headers["x-csrf-token"]);
    expect(everything).not.toContain(api.testOwner.headers.cookie?.split(";")[0]?.split("=")[1]);

    // At rest the channel and CRM secrets are sealed.
    const db = api.deps.database.db;
    const stored = JSON.stringify([await db.select().from(alertChannels), await db.select().from(connections)]);
    for (const [name, secret] of Object.entries(secrets)) expect(stored, name).not.toContain(secret);
    // The audit log names the connections made, and nothing of their credentials.
    const audit = await db.select().from(auditLog);
    expect(audit.filter((entry) => entry.action === "connection.created")).toHaveLength(2);
  });
});
