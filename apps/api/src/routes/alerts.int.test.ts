import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureWorkspace, recordSlaTick } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi } from "../testing/test-api.ts";

const base = "/api/v1/workspaces/acme";
const send = (method: string, body?: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe("alerts and channels API", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeEach(async () => {
    api = await createTestApi({ env: { ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}` } });
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("stores secrets sealed and never returns them", async () => {
    const created = await api.request(
      `${base}/channels`,
      send("POST", {
        key: "ops-hook",
        name: "Ops webhook",
        kind: "webhook",
        settings: { url: "https://hooks.example.test/revops" },
        secrets: { signingSecret: "super-secret-signing-key" },
      }),
    );
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain("super-secret-signing-key");
    expect(JSON.parse(text)).toMatchObject({ key: "ops-hook", hasSecrets: true, health: { flagged: false } });
    const listed = await (await api.request(`${base}/channels`)).text();
    expect(listed).not.toContain("super-secret-signing-key");
    const stored = await api.deps.database.db.query.alertChannels.findFirst();
    expect(JSON.stringify(stored)).not.toContain("super-secret-signing-key");

    const duplicate = await api.request(
      `${base}/channels`,
      send("POST", {
        key: "ops-hook",
        name: "Again",
        kind: "slack",
        secrets: { webhookUrl: "https://hooks.slack.com/services/T/B/C" },
      }),
    );
    expect(duplicate.status).toBe(409);
  });

  it("rejects a malformed webhook URL or address with the field named", async () => {
    const badUrl = await api.request(
      `${base}/channels`,
      send("POST", {
        key: "hook",
        name: "Hook",
        kind: "webhook",
        settings: { url: "not a url" },
        secrets: { signingSecret: "0123456789abcdef" },
      }),
    );
    expect(badUrl.status).toBe(400);
    expect(((await badUrl.json()) as { message: string }).message).toContain(
      "settings.url: the webhook URL must be an http(s) URL",
    );

    const badMail = await api.request(
      `${base}/channels`,
      send("POST", {
        key: "mail",
        name: "Mail",
        kind: "email",
        settings: { host: "smtp example", from: "alerts@acme.test", recipients: ["nope"] },
      }),
    );
    expect(badMail.status).toBe(400);
    const message = ((await badMail.json()) as { message: string }).message;
    expect(message).toContain("settings.host: must be a host name or IP address");
    expect(message).toContain("settings.recipients.0: must be an email address");
  });

  it("reports an unreachable SMTP host on test-send, and a working webhook as sent", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mail = (await (
      await api.request(
        `${base}/channels`,
        send("POST", {
          key: "mail",
          name: "Mail",
          kind: "email",
          settings: { host: "127.0.0.1", port: deadPort, from: "alerts@acme.test", recipients: ["ops@acme.test"] },
        }),
      )
    ).json()) as { id: string };
    const failed = await api.request(`${base}/channels/${mail.id}/test`, send("POST"));
    expect(failed.status).toBe(200);
    expect(await failed.json()).toEqual({
      ok: false,
      message: expect.stringContaining(`settings.host: SMTP server 127.0.0.1:${deadPort} is unreachable`),
    });

    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push(body);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    const hook = (await (
      await api.request(
        `${base}/channels`,
        send("POST", {
          key: "hook",
          name: "Hook",
          kind: "webhook",
          settings: { url: `http://127.0.0.1:${port}/in` },
          secrets: { signingSecret: "0123456789abcdef" },
        }),
      )
    ).json()) as { id: string };
    const ok = await api.request(`${base}/channels/${hook.id}/test`, send("POST"));
    expect(await ok.json()).toMatchObject({ ok: true });
    expect(received).toHaveLength(1);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it("lists alerts with their delivery status per channel, filters, paginates and acknowledges", async () => {
    const db = api.deps.database.db;
    const channel = (await (
      await api.request(
        `${base}/channels`,
        send("POST", {
          key: "slack",
          name: "Slack",
          kind: "slack",
          secrets: { webhookUrl: "https://hooks.slack.com/services/T/B/C" },
        }),
      )
    ).json()) as { id: string };
    const alert = (kind: "at_risk" | "breached", entityId: string, minute: number) => ({
      ruleKey: "first-touch",
      ruleName: "First touch within 1 business hour",
      entityKind: "lead" as const,
      entityId,
      cycleIndex: 0,
      kind,
      dueAt: new Date(Date.UTC(2026, 10, 24, 9, minute)),
      deadlineAt: new Date(Date.UTC(2026, 10, 24, 9, 50)),
      entityName: `Lead ${entityId}`,
      ownerId: "o1",
      ownerName: "Ada",
      recordUrl: null,
    });
    await recordSlaTick(db, {
      workspaceId: "acme",
      alerts: [alert("at_risk", "L1", 35), alert("breached", "L1", 50), alert("at_risk", "L2", 40)],
      checks: [],
      planDeliveries: (inserted) =>
        inserted.map((a) => ({
          channelId: channel.id,
          idempotencyKey: `alert:${a.id}`,
          notBefore: null,
          alertIds: [a.id],
        })),
    });
    const page = (await (await api.request(`${base}/alerts?limit=2`)).json()) as {
      total: number;
      alerts: Array<{
        id: string;
        entityId: string;
        kind: string;
        deliveries: Array<{ channelKey: string; status: string }>;
      }>;
    };
    expect(page.total).toBe(3);
    expect(page.alerts.map((a) => `${a.entityId}:${a.kind}`)).toEqual(["L1:breached", "L2:at_risk"]);
    expect(page.alerts[0]?.deliveries).toEqual([expect.objectContaining({ channelKey: "slack", status: "pending" })]);

    const breached = (await (await api.request(`${base}/alerts?kind=breached`)).json()) as {
      total: number;
      alerts: Array<{ id: string }>;
    };
    expect(breached.total).toBe(1);
    const id = breached.alerts[0]?.id;
    const acked = (await (await api.request(`${base}/alerts/${id}/acknowledge`, send("POST"))).json()) as {
      acknowledgedBy: string;
    };
    expect(acked.acknowledgedBy).toBe(api.testOwner.email);
    const open = (await (await api.request(`${base}/alerts?acknowledged=false`)).json()) as { total: number };
    expect(open.total).toBe(2);
    expect((await api.request(`${base}/alerts?kind=late`)).status).toBe(400);
  });
});
