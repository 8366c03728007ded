import {
  addDigestSubscriber,
  createActionItem,
  digestRuns,
  listAlertChannels,
  recordSlaTick,
  replaceSlaClocks,
  updateAlertChannel,
} from "@revops/db";
import { evaluateSla as evaluateSlaJob, weeklyDigest as weeklyDigestJob } from "@revops/queue";
import { defaultRepeatStrategy } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { weeklyDigest } from "../processors/weekly-digest.ts";
import { addChannel, createAlertTestDeps, startHttpReceiver, startSmtpReceiver } from "../testing/alert-harness.ts";
import { DIGEST_PATTERN, digestSchedulerId, evaluateSchedulerId, upsertAlertSchedulers } from "./schedulers.ts";

describe("weekly digest (workspace zone Europe/Paris)", () => {
  let harness: Awaited<ReturnType<typeof createAlertTestDeps>>;
  const closers: Array<() => Promise<void>> = [];
  beforeEach(async () => {
    harness = await createAlertTestDeps();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await harness.close();
  });

  it("schedules Monday 08:00 Paris time, which moves from 07:00Z to 06:00Z across the spring DST change", async () => {
    const { deps } = harness;
    expect(await upsertAlertSchedulers(deps)).toBe(1);
    const queue = deps.queues.queue("alerts");
    const scheduler = await queue.getJobScheduler(digestSchedulerId("acme"));
    expect(scheduler).toMatchObject({ pattern: DIGEST_PATTERN, tz: "Europe/Paris", name: weeklyDigestJob.name });
    const evaluate = await queue.getJobScheduler(evaluateSchedulerId("acme"));
    expect(evaluate).toMatchObject({ every: 60_000, name: evaluateSlaJob.name });

    // The run after each run, as BullMQ's scheduler computes it from the stored pattern and zone.
    const nextRun = (after: Date) =>
      new Date(
        defaultRepeatStrategy(after.getTime(), { pattern: scheduler?.pattern ?? "", tz: scheduler?.tz ?? "" }) ?? 0,
      );
    const runs = [new Date("2026-03-20T12:00:00Z")];
    for (let i = 0; i < 3; i++) runs.push(nextRun(runs.at(-1) as Date));
    expect(runs.slice(1).map((d) => d.toISOString())).toEqual([
      "2026-03-23T07:00:00.000Z", // 08:00 CET
      "2026-03-30T06:00:00.000Z", // 08:00 CEST, the day after the change
      "2026-04-06T06:00:00.000Z",
    ]);
  });

  it("is sent once per week, whatever retries or duplicate runs, with KPIs, breaches, stalled deals and action items", async () => {
    const { deps } = harness;
    const db = deps.database.db;
    const smtp = await startSmtpReceiver();
    const slack = await startHttpReceiver();
    closers.push(smtp.close, slack.close);
    await addChannel(deps, {
      key: "mail",
      kind: "email",
      settings: { host: smtp.host, port: smtp.port, from: "digest@acme.test", recipients: ["ops@acme.test"] },
    });
    await addChannel(deps, {
      key: "slack",
      kind: "slack",
      secrets: { webhookUrl: `${slack.url}/digest` },
      digest: true,
    });
    await addDigestSubscriber(db, { workspaceId: "acme", email: "CEO@acme.test" });
    await addDigestSubscriber(db, { workspaceId: "acme", email: "cro@acme.test" });

    // A breach during W13 (23-29 March), a deal overdue in its stage, an open action item.
    await recordSlaTick(db, {
      workspaceId: "acme",
      checks: [],
      planDeliveries: () => [],
      alerts: [
        {
          ruleKey: "first-touch",
          ruleName: "First touch within 1 business hour",
          entityKind: "lead",
          entityId: "L1",
          cycleIndex: 0,
          kind: "breached",
          dueAt: new Date("2026-03-24T09:00:00Z"),
          deadlineAt: new Date("2026-03-24T09:00:00Z"),
          entityName: "Grace Lead",
          ownerId: "o1",
          ownerName: "Ada Owner",
          recordUrl: null,
        },
      ],
    });
    await replaceSlaClocks(db, {
      workspaceId: "acme",
      entityIds: null,
      clocks: [
        {
          ruleKey: "max-age-proposal",
          entityKind: "deal",
          entityId: "D1",
          cycleIndex: 0,
          startAt: new Date("2026-03-02T08:00:00Z"),
          deadlineAt: new Date("2026-03-13T16:00:00Z"),
          atRiskAt: new Date("2026-03-11T14:00:00Z"),
          escalateAt: null,
          stoppedAt: null,
          nextCheckAt: null,
          entityName: "Big Renewal",
          ownerId: "o2",
          ownerName: "Bo Seller",
          recordUrl: "https://example.my.salesforce.com/lightning/r/Opportunity/006x/view",
        },
      ],
    });
    await createActionItem(db, {
      workspaceId: "acme",
      week: "2026-W13",
      title: "Call back every stalled proposal",
      owner: "Bo",
      dueDate: "2026-04-03",
      createdBy: "test",
    });

    const monday = new Date("2026-03-30T06:00:00Z"); // 08:00 CEST
    const outcomes = await Promise.all([
      weeklyDigest(deps, { workspaceId: "acme" }, monday),
      weeklyDigest(deps, { workspaceId: "acme" }, monday),
    ]);
    const retry = await weeklyDigest(deps, { workspaceId: "acme" }, new Date("2026-03-30T06:05:00Z"));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["already_sent", "sent"]);
    expect(retry).toMatchObject({ status: "already_sent", week: "2026-W13" });
    expect(smtp.mails).toHaveLength(1);
    expect(slack.received).toHaveLength(1);
    expect(smtp.mails[0]?.to.sort()).toEqual(["ceo@acme.test", "cro@acme.test"]);
    const raw = smtp.mails[0]?.raw ?? "";
    expect(raw).toContain("Weekly RevOps digest 2026-W13");
    for (const text of [
      "MQLs",
      "Grace Lead",
      "Big Renewal",
      "Call back every stalled proposal",
      "meeting?workspace=3Dacme&week=3D2026-W13",
    ]) {
      expect(raw.replaceAll("=\r\n", "")).toContain(text);
    }
    const slackText = JSON.stringify(JSON.parse(slack.received[0]?.body ?? "{}"));
    expect(slackText).toContain("Big Renewal");
    expect(slackText).toContain("Grace Lead");

    // The next Monday is the next week: one more digest, for W14.
    const next = await weeklyDigest(deps, { workspaceId: "acme" }, new Date("2026-04-06T06:00:00Z"));
    expect(next).toMatchObject({ status: "sent", week: "2026-W14" });
    const runs = await db.select().from(digestRuns);
    expect(runs.map((r) => `${r.week}:${r.status}`).sort()).toEqual(["2026-W13:sent", "2026-W14:sent"]);
    expect(smtp.mails).toHaveLength(2);
  });

  it("records a failed digest (SMTP down) so that the retry sends it", async () => {
    const { deps } = harness;
    await addChannel(deps, {
      key: "mail",
      kind: "email",
      settings: { host: "127.0.0.1", port: 9, from: "digest@acme.test", recipients: ["ops@acme.test"] },
    });
    await addDigestSubscriber(deps.database.db, { workspaceId: "acme", email: "ceo@acme.test" });
    const monday = new Date("2026-03-30T06:00:00Z");
    await expect(weeklyDigest(deps, { workspaceId: "acme" }, monday)).rejects.toThrow(
      /settings.host: SMTP server 127.0.0.1:9/,
    );
    const [failed] = await deps.database.db.select().from(digestRuns);
    expect(failed?.status).toBe("failed");
    const smtp = await startSmtpReceiver();
    closers.push(smtp.close);
    const [channel] = await listAlertChannels(deps.database.db, { workspaceId: "acme" });
    await updateAlertChannel(deps.database.db, {
      workspaceId: "acme",
      channelId: channel?.id ?? "",
      changes: { settings: { ...channel?.settings, port: smtp.port } },
    });
    expect(await weeklyDigest(deps, { workspaceId: "acme" }, monday)).toMatchObject({ status: "sent" });
    expect(smtp.mails).toHaveLength(1);
  });
});
