import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createAlertChannel, ensureWorkspace, type SlaClockInput } from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { JobQueues } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createLogger, newKeyRingEntry } from "@revops/runtime";
import { SMTPServer } from "smtp-server";
import { firstCheckAt } from "../alerts/clock-check.ts";
import { channelSecretBox } from "../alerts/secret-box.ts";
import { sealChannelSecrets } from "../channels/send.ts";
import { parseWorkerConfig } from "../config.ts";
import type { WorkerDeps } from "../deps.ts";

/** Real database, Redis and queues for one test; the worker's own deps shape. */
export async function createAlertTestDeps(env: NodeJS.ProcessEnv = {}) {
  const database = await createTestDatabase();
  const testRedis = await createTestRedis();
  const config = parseWorkerConfig({
    QUEUE_PREFIX: testRedis.prefix,
    LOG_LEVEL: "silent",
    ENCRYPTION_KEYS: newKeyRingEntry(),
    PUBLIC_URL: "https://revops.example.test",
    ...env,
  });
  const queues = new JobQueues(testRedis.redis, testRedis.prefix);
  const deps: WorkerDeps = {
    config,
    database,
    redis: testRedis.redis,
    queues,
    logger: createLogger({ level: "silent", pretty: false, name: "alerts-test" }),
    workerId: "test-worker",
    startedAt: new Date(),
  };
  await ensureWorkspace(database.db, { id: "acme", name: "Acme", timezone: "Europe/Paris" });
  return {
    deps,
    databaseUrl: database.url,
    close: async () => {
      await queues.close();
      await testRedis.cleanup();
      await database.close();
    },
  };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP receiver on 127.0.0.1:0; `answer` picks each response's status. */
export async function startHttpReceiver(answer: (request: ReceivedRequest, index: number) => number = () => 200) {
  const received: ReceivedRequest[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = { path: req.url ?? "/", headers: req.headers, body };
      const status = answer(request, count++);
      if (status < 300) received.push(request);
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "upstream trouble");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    attempts: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback (no TLS, no auth) that keeps every message. */
export async function startSmtpReceiver() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { host: "127.0.0.1", port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Adds a channel with sealed secrets, as the API does. */
export async function addChannel(
  deps: WorkerDeps,
  channel: {
    key: string;
    kind: "slack" | "email" | "webhook";
    settings?: Record<string, unknown>;
    secrets?: Record<string, unknown>;
    digest?: boolean;
  },
) {
  const box = channelSecretBox(deps.config);
  const created = await createAlertChannel(deps.database.db, {
    workspaceId: "acme",
    channel: {
      key: channel.key,
      name: channel.key,
      kind: channel.kind,
      settings: channel.settings ?? {},
      secrets: channel.secrets ? sealChannelSecrets(box, channel.secrets) : null,
      digest: channel.digest ?? false,
    },
  });
  if (!created) throw new Error(`channel ${channel.key} exists`);
  return created;
}

const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

/** A first-touch clock on lead `entityId` whose thresholds sit around `now` (minutes offsets). */
export function firstTouchClock(
  entityId: string,
  now: Date,
  offsets: { atRisk: number; deadline: number; escalate?: number; stopped?: number },
): SlaClockInput {
  const clock = {
    ruleKey: "first-touch",
    entityKind: "lead" as const,
    entityId,
    cycleIndex: 0,
    startAt: minutes(now, offsets.deadline - 60),
    deadlineAt: minutes(now, offsets.deadline),
    atRiskAt: minutes(now, offsets.atRisk),
    escalateAt: offsets.escalate === undefined ? null : minutes(now, offsets.escalate),
    stoppedAt: offsets.stopped === undefined ? null : minutes(now, offsets.stopped),
  };
  return {
    ...clock,
    nextCheckAt: firstCheckAt(clock),
    entityName: `Lead ${entityId}`,
    ownerId: "owner-1",
    ownerName: "Ada Owner",
    recordUrl: `https://app.hubspot.com/contacts/1/record/0-1/${entityId}`,
  };
}
