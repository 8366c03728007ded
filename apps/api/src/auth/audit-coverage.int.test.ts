import { auditLog, ensureWorkspace } from "@revops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { documentedRoutes } from "./route-catalog.ts";

const base = "/api/v1/workspaces/acme";
const send = (method: string, body?: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
// Secrets sent in the scenarios below; none may reach the audit log.
const slackUrl = "https://hooks.slack.test/services/T000/B000/audit-secret-one";
const newSlackUrl = "https://hooks.slack.test/services/T000/B000/audit-secret-two";
const crmToken = "pat-audit-secret-crm-token";

type Call = () => Response | Promise<Response>;
/** Sets up what the route needs (its own audit rows do not count), then returns the one call under test. */
type Scenario = { actions: string[]; prepare: (api: TestApi) => Promise<Call> };

const ok = async (response: Promise<Response>) => {
  const answer = await response;
  if (answer.status >= 300) throw new Error(`setup failed: ${answer.status} ${await answer.text()}`);
  // biome-ignore lint/suspicious/noExplicitAny: setup reads ids from arbitrary JSON bodies
  return (await answer.json().catch(() => ({}))) as any;
};
const invite = (api: TestApi, email: string) =>
  ok(api.request(`${base}/invitations`, send("POST", { email, role: "viewer" })));
const tokenOf = (link: string) => link.split("/invite/")[1] ?? "";
const addChannel = (api: TestApi, key: string) =>
  api.request(`${base}/channels`, send("POST", { key, name: key, kind: "slack", secrets: { webhookUrl: slackUrl } }));
const connect = (api: TestApi) =>
  api.request(
    `${base}/connections`,
    send("POST", {
      crm: "hubspot",
      name: "HubSpot",
      credentials: { kind: "private_app", token: crmToken },
      syncNow: false,
    }),
  );
const definitionsDocument = async (api: TestApi) => (await ok(api.request(`${base}/definitions`))).definitions;

/** Every route that changes sign-in, membership, invitations, API tokens, connections, definitions or channels. */
const audited: Record<string, Scenario> = {
  "POST /api/v1/auth/sign-in": {
    actions: ["sign-in"],
    prepare: async (api) => {
      const person = await api.personWith("acme", "viewer", "signs-in@acme.test");
      return () =>
        api.anonymous("/api/v1/auth/sign-in", send("POST", { email: person.email, password: person.password }));
    },
  },
  "POST /api/v1/auth/sign-out": {
    actions: ["sign-out"],
    prepare: async (api) => {
      const person = await api.personWith("acme", "viewer", "signs-out@acme.test");
      return () => person.request("/api/v1/auth/sign-out", { method: "POST" });
    },
  },
  "POST /api/v1/invitations/{token}/accept": {
    actions: ["member.joined"],
    prepare: async (api) => {
      const { link } = await invite(api, "accepts@acme.test");
      const person = await api.personWith("globex", "viewer", "accepts@acme.test");
      return () => person.request(`/api/v1/invitations/${tokenOf(link)}/accept`, { method: "POST" });
    },
  },
  "POST /api/v1/invitations/{token}/sign-up": {
    actions: ["member.joined", "sign-in"],
    prepare: async (api) => {
      const { link } = await invite(api, "signs-up@acme.test");
      return () =>
        api.anonymous(
          `/api/v1/invitations/${tokenOf(link)}/sign-up`,
          send("POST", { name: "New", password: "a long enough password" }),
        );
    },
  },
  "POST /api/v1/workspaces": {
    actions: ["workspace.created"],
    prepare: async (api) => () => api.request("/api/v1/workspaces", send("POST", { id: "initech", name: "Initech" })),
  },
  "PATCH /api/v1/workspaces/{workspace}/members/{userId}": {
    actions: ["member.role-changed"],
    prepare: async (api) => {
      const person = await api.personWith("acme", "viewer", "promoted@acme.test");
      return () => api.request(`${base}/members/${person.userId}`, send("PATCH", { role: "editor" }));
    },
  },
  "DELETE /api/v1/workspaces/{workspace}/members/{userId}": {
    actions: ["member.removed"],
    prepare: async (api) => {
      const person = await api.personWith("acme", "viewer", "removed@acme.test");
      return () => api.request(`${base}/members/${person.userId}`, { method: "DELETE" });
    },
  },
  "POST /api/v1/workspaces/{workspace}/invitations": {
    actions: ["member.invited"],
    prepare: async (api) => () =>
      api.request(`${base}/invitations`, send("POST", { email: "invited@acme.test", role: "editor" })),
  },
  "DELETE /api/v1/workspaces/{workspace}/invitations/{invitationId}": {
    actions: ["member.invitation-revoked"],
    prepare: async (api) => {
      const { id } = await invite(api, "revoked@acme.test");
      return () => api.request(`${base}/invitations/${id}`, { method: "DELETE" });
    },
  },
  "POST /api/v1/workspaces/{workspace}/api-tokens": {
    actions: ["api-token.created"],
    prepare: async (api) => () => api.request(`${base}/api-tokens`, send("POST", { name: "BI", role: "viewer" })),
  },
  "DELETE /api/v1/workspaces/{workspace}/api-tokens/{tokenId}": {
    actions: ["api-token.revoked"],
    prepare: async (api) => {
      const { id } = await ok(api.request(`${base}/api-tokens`, send("POST", { name: "old script" })));
      return () => api.request(`${base}/api-tokens/${id}`, { method: "DELETE" });
    },
  },
  "PUT /api/v1/workspaces/{workspace}/definitions": {
    actions: ["definitions.changed"],
    prepare: async (api) => {
      const definitions = await definitionsDocument(api);
      definitions.serviceLines = [{ key: "cloud", label: "Cloud" }];
      return () => api.request(`${base}/definitions`, send("PUT", { definitions, note: "add cloud" }));
    },
  },
  "PATCH /api/v1/workspaces/{workspace}/definitions": {
    actions: ["definitions.changed"],
    prepare: async (api) => () =>
      api.request(
        `${base}/definitions`,
        send("PATCH", { changes: { serviceLines: [{ key: "onprem", label: "On-prem" }] } }),
      ),
  },
  "POST /api/v1/workspaces/{workspace}/definitions/import": {
    actions: ["definitions.changed"],
    prepare: async (api) => {
      const exported = await ok(api.request(`${base}/definitions/export?format=json`));
      exported.definitions.serviceLines = [{ key: "imported", label: "Imported" }];
      return () => api.request(`${base}/definitions/import`, send("POST", exported));
    },
  },
  "POST /api/v1/workspaces/{workspace}/connections": {
    actions: ["connection.created"],
    prepare: async (api) => () => connect(api),
  },
  "PATCH /api/v1/workspaces/{workspace}/connections/{connectionId}": {
    actions: ["connection.changed"],
    prepare: async (api) => {
      const { id } = await ok(connect(api));
      const credentials = { kind: "private_app", token: `${crmToken}-rotated` };
      return () => api.request(`${base}/connections/${id}`, send("PATCH", { name: "Main portal", credentials }));
    },
  },
  "DELETE /api/v1/workspaces/{workspace}/connections/{connectionId}": {
    actions: ["connection.removed"],
    prepare: async (api) => {
      const { id } = await ok(connect(api));
      return () => api.request(`${base}/connections/${id}`, { method: "DELETE" });
    },
  },
  "POST /api/v1/workspaces/{workspace}/channels": {
    actions: ["channel.created"],
    prepare: async (api) => () => addChannel(api, "sales-slack"),
  },
  "PATCH /api/v1/workspaces/{workspace}/channels/{channelId}": {
    actions: ["channel.changed"],
    prepare: async (api) => {
      const { id } = await ok(addChannel(api, "changed-slack"));
      return () =>
        api.request(`${base}/channels/${id}`, send("PATCH", { name: "Renamed", secrets: { webhookUrl: newSlackUrl } }));
    },
  },
  "DELETE /api/v1/workspaces/{workspace}/channels/{channelId}": {
    actions: ["channel.removed"],
    prepare: async (api) => {
      const { id } = await ok(addChannel(api, "removed-slack"));
      return () => api.request(`${base}/channels/${id}`, { method: "DELETE" });
    },
  },
  "PUT /api/v1/workspaces/{workspace}/alert-rules/{ruleKey}": {
    actions: ["alert-rule.changed"],
    prepare: async (api) => () =>
      api.request(`${base}/alert-rules/mql-response`, send("PUT", { groupByOwner: true, quietHours: false })),
  },
  "POST /api/v1/workspaces/{workspace}/digest/subscribers": {
    actions: ["digest.subscribed"],
    prepare: async (api) => () => api.request(`${base}/digest/subscribers`, send("POST", { email: "cro@acme.test" })),
  },
  "DELETE /api/v1/workspaces/{workspace}/digest/subscribers/{email}": {
    actions: ["digest.unsubscribed"],
    prepare: async (api) => {
      await ok(api.request(`${base}/digest/subscribers`, send("POST", { email: "leaving@acme.test" })));
      return () => api.request(`${base}/digest/subscribers/leaving@acme.test`, { method: "DELETE" });
    },
  },
};

/** Changing routes deliberately left out of the audit log, each with why. */
const notAudited: Record<string, string> = {
  "POST /api/v1/webhooks/hubspot/{connectionId}":
    "HubSpot's signed notice of CRM changes: queues a sync, changes no setting, no person acts",
  "POST /api/v1/workspaces/{workspace}/connections/{connectionId}/test":
    "reads the CRM to check the credentials; changes nothing",
  "POST /api/v1/workspaces/{workspace}/connections/{connectionId}/sync":
    "queues a sync and changes no setting; sync_runs records each run and why it ran",
  "POST /api/v1/workspaces/{workspace}/channels/{channelId}/test": "sends a sample alert; changes no setting",
  "POST /api/v1/workspaces/{workspace}/alerts/{alertId}/acknowledge":
    "the alert itself keeps who acknowledged it and when",
  "PUT /api/v1/workspaces/{workspace}/meeting/notes": "meeting content, not access or configuration",
  "POST /api/v1/workspaces/{workspace}/meeting/action-items": "meeting content (each item keeps who created it)",
  "PATCH /api/v1/workspaces/{workspace}/meeting/action-items/{id}": "meeting content, not access or configuration",
  "DELETE /api/v1/workspaces/{workspace}/meeting/action-items/{id}": "meeting content, not access or configuration",
};

// GET routes change nothing, except the OIDC callback, which signs in through the same startSession (oidc.int.test.ts).
const changingRoutes = documentedRoutes()
  .filter((route) => route.method !== "GET")
  .map((route) => route.key)
  .sort();

describe("the audit log covers every changing route", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ env: { ENCRYPTION_KEYS: "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" } });
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
    await ensureWorkspace(api.deps.database.db, { id: "globex", name: "Globex" });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });
  const auditEntries = () => api.deps.database.db.select().from(auditLog);

  it("classifies each changing route of the OpenAPI document as audited or excluded, with a reason", () => {
    expect(changingRoutes.length).toBeGreaterThan(20);
    expect([...Object.keys(audited), ...Object.keys(notAudited)].sort()).toEqual(changingRoutes);
  });

  it.each(Object.keys(audited))("%s writes its audit entry", async (key) => {
    const scenario = audited[key];
    if (!scenario) throw new Error(`no scenario for ${key}`);
    const call = await scenario.prepare(api);
    const before = new Set((await auditEntries()).map((row) => row.id));
    const response = await call();
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    const written = (await auditEntries()).filter((row) => !before.has(row.id));
    expect(written.map((row) => row.action).sort()).toEqual(scenario.actions);
    for (const row of written) expect(row.actor).not.toBe("system");
  });

  it("names changed secrets by field only, never their values", async () => {
    const log = JSON.stringify(await auditEntries());
    for (const secret of [slackUrl, newSlackUrl, crmToken, "a long enough password"]) expect(log).not.toContain(secret);
    const channelChange = (await auditEntries()).find((row) => row.action === "channel.changed");
    expect(channelChange?.detail).toMatchObject({ fields: ["name", "secrets"], secrets: ["webhookUrl"] });
  });
});
