import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import { alertChannels, alertDeliveries, replaceSlaClocks } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryAttemptError, deliverAlert } from "../processors/deliver-alert.ts";
import { evaluateSla } from "../processors/evaluate-sla.ts";
import { type RunningWorker, startWorker } from "../start-worker.ts";
import {
  addChannel,
  createAlertTestDeps,
  firstTouchClock,
  startHttpReceiver,
  startSmtpReceiver,
} from "../testing/alert-harness.ts";

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}

describe("alert delivery", () => {
  let harness: Awaited<ReturnType<typeof createAlertTestDeps>>;
  let worker: RunningWorker | undefined;
  const closers: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    harness = await createAlertTestDeps();
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    for (const close of closers.splice(0)) await close();
    await harness.close();
  });

  const deliveries = () => harness.deps.database.db.select().from(alertDeliveries);

  it("delivers a breach once to Slack, email and a signed webhook", async () => {
    const { deps } = harness;
    const slack = await startHttpReceiver();
    const hook = await startHttpReceiver();
    const smtp = await startSmtpReceiver();
    closers.push(slack.close, hook.close, smtp.close);
    await addChannel(deps, { key: "slack", kind: "slack", secrets: { webhookUrl: `${slack.url}/services/T/B/x` } });
    await addChannel(deps, {
      key: "hook",
      kind: "webhook",
      settings: { url: `${hook.url}/revops` },
      secrets: { signingSecret: "a-very-secret-signing-key" },
    });
    await addChannel(deps, {
      key: "mail",
      kind: "email",
      settings: { host: smtp.host, port: smtp.port, from: "alerts@acme.test", recipients: ["sales-ops@acme.test"] },
      secrets: {},
    });
    const now = new Date();
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [firstTouchClock("L1", now, { atRisk: -3, deadline: -2 })],
    });
    worker = await startWorker(deps);
    await evaluateSla(deps, { workspaceId: "acme" });
    await evaluateSla(deps, { workspaceId: "acme" });
    await until(
      "six deliveries",
      async () => (await deliveries()).filter((d) => d.status === "delivered").length === 6,
    );
    // at_risk and breached are both new on the first tick: 2 alerts x 3 channels, each sent once.
    expect(slack.received).toHaveLength(2);
    expect(hook.received).toHaveLength(2);
    expect(smtp.mails).toHaveLength(2);

    const breach = slack.received.map((r) => JSON.parse(r.body)).find((b) => b.text.startsWith("SLA breached"));
    expect(breach.text).toContain("Lead L1");
    const section = JSON.stringify(breach.blocks);
    expect(section).toContain("<https://app.hubspot.com/contacts/1/record/0-1/L1|Lead L1>");
    expect(section).toContain("Ada Owner");
    expect(section).toMatch(/2 min late/);
    expect(section).toContain("https://revops.example.test/alerts?workspace=acme");

    for (const request of hook.received) {
      const timestamp = String(request.headers["x-revops-timestamp"]);
      const expected = `sha256=${createHmac("sha256", "a-very-secret-signing-key").update(`${timestamp}.${request.body}`).digest("hex")}`;
      expect(request.headers["x-revops-signature"]).toBe(expected);
      expect(request.headers["idempotency-key"]).toBe(JSON.parse(request.body).idempotencyKey);
    }
    const mail = smtp.mails.find((m) => m.raw.includes("SLA breached"));
    expect(mail?.to).toEqual(["sales-ops@acme.test"]);
    expect(mail?.raw).toContain("text/plain");
    expect(mail?.raw).toContain("text/html");
  });

  it("retries a channel answering 500 three times, delivers once, and never holds up another channel", async () => {
    const { deps } = harness;
    const flaky = await startHttpReceiver((_request, index) => (index < 3 ? 500 : 200));
    const healthy = await startHttpReceiver();
    closers.push(flaky.close, healthy.close);
    await addChannel(deps, {
      key: "flaky",
      kind: "webhook",
      settings: { url: `${flaky.url}/hook` },
      secrets: { signingSecret: "0123456789abcdef" },
    });
    await addChannel(deps, { key: "slack", kind: "slack", secrets: { webhookUrl: `${healthy.url}/slack` } });
    const now = new Date();
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [firstTouchClock("L1", now, { atRisk: -1, deadline: 30 })],
    });
    worker = await startWorker(deps);
    await evaluateSla(deps, { workspaceId: "acme" });
    await until("the healthy channel", async () => healthy.received.length === 1);
    expect(flaky.received).toHaveLength(0);
    const done = await until("the flaky channel", async () =>
      (await deliveries()).find((d) => d.status === "delivered" && d.attempts === 4),
    );
    expect(done.lastError).toBeNull();
    expect(flaky.attempts()).toBe(4);
    expect(flaky.received).toHaveLength(1);
    expect(healthy.received).toHaveLength(1);
    const channel = (await deps.database.db.select().from(alertChannels)).find((c) => c.key === "flaky");
    expect(channel?.consecutiveFailures).toBe(0);
    expect(channel?.lastError).toContain("Webhook answered HTTP 500");
  });

  it("reports an unreachable SMTP host on the delivery and the channel, naming the setting", async () => {
    const { deps } = harness;
    const port = await closedPort();
    await addChannel(deps, {
      key: "mail",
      kind: "email",
      settings: { host: "127.0.0.1", port, from: "alerts@acme.test", recipients: ["ops@acme.test"] },
    });
    const now = new Date();
    await replaceSlaClocks(deps.database.db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [firstTouchClock("L1", now, { atRisk: -1, deadline: 30 })],
    });
    await evaluateSla(deps, { workspaceId: "acme" });
    const [delivery] = await deliveries();
    if (!delivery) throw new Error("no delivery planned");
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(deliverAlert(deps, { workspaceId: "acme", deliveryId: delivery.id })).rejects.toThrow(
        DeliveryAttemptError,
      );
    }
    const [failed] = await deliveries();
    expect(failed?.lastError).toContain(`settings.host: SMTP server 127.0.0.1:${port} is unreachable`);
    const [channel] = await deps.database.db.select().from(alertChannels);
    expect(channel?.consecutiveFailures).toBe(5);
    expect(channel?.flaggedAt).not.toBeNull();
    // The sixth attempt is the last: the delivery is failed for good and no longer retried.
    expect(await deliverAlert(deps, { workspaceId: "acme", deliveryId: delivery.id })).toEqual({ status: "failed" });
    expect((await deliveries())[0]?.status).toBe("failed");
  });
});
