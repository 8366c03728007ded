import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@revops/crm-sandbox";
import { createTestApi, type TestApi } from "../../apps/api/src/testing/test-api.ts";
import { parseWorkerConfig } from "../../apps/worker/src/config.ts";
import type { WorkerDeps } from "../../apps/worker/src/deps.ts";
import { recomputeFactsJob } from "../../apps/worker/src/processors/recompute-facts.ts";
import { syncConnectionJob } from "../../apps/worker/src/processors/sync-connection.ts";

const STORY_FIXTURE = fileURLToPath(new URL("../fixtures/story.json", import.meta.url));
/** The sandbox's "now": after every record of the story, so the fixture is served whole. */
const SANDBOX_NOW = "2026-11-24T12:00:00Z";
// One key ring for the API (which seals credentials) and the worker (which opens them).
const ENCRYPTION_KEYS = "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export type Body = any;

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** The real API and a worker's deps on the same database, Redis prefix and key ring; the sandbox serves the story. */
export async function startStoryWorld() {
  const sandbox: RunningSandbox = await startSandbox({
    fixture: STORY_FIXTURE,
    now: SANDBOX_NOW,
    port: 0,
    limits: { hubspot: { perTenSeconds: 100_000, searchPerSecond: 1_000 } },
  });
  const api: TestApi = await createTestApi({ env: { ENCRYPTION_KEYS } });
  const worker: WorkerDeps = {
    config: parseWorkerConfig({
      QUEUE_PREFIX: api.deps.config.queuePrefix,
      LOG_LEVEL: "silent",
      ENCRYPTION_KEYS,
    }),
    database: api.deps.database,
    redis: api.deps.redis,
    queues: api.deps.queues,
    // The API test logger is silent; the worker writes through it.
    logger: api.deps.logger,
    workerId: "story-worker",
    startedAt: new Date(),
  };
  return {
    sandbox,
    api,
    worker,
    close: async () => {
      await sandbox.close();
      await api.close();
    },
  };
}

export type StoryWorld = Awaited<ReturnType<typeof startStoryWorld>>;

async function send(world: StoryWorld, path: string, init?: RequestInit): Promise<Body> {
  const response = await world.api.request(path, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * The workspace's agreed definitions for the story: two service lines, source categories
 * for both CRMs' values, and FY2026-Q4 targets; everything else stays at the spec defaults
 * (business-hours calendar Mon–Fri 09–17 UTC, first touch within 60 business minutes, …).
 */
async function agreeOnDefinitions(world: StoryWorld, workspace: string) {
  const base = `/api/v1/workspaces/${workspace}/definitions`;
  const current: Body = await send(world, base);
  const both = <T extends object>(entry: T) => (["hubspot", "salesforce"] as const).map((crm) => ({ crm, ...entry }));
  const definitions = {
    ...current.definitions,
    serviceLines: [
      { key: "advisory", label: "Advisory" },
      { key: "implementation", label: "Implementation" },
    ],
    serviceLineMap: [
      ...both({ value: "Advisory", serviceLine: "advisory" }),
      ...both({ value: "Implementation", serviceLine: "implementation" }),
    ],
    sourceCategoryMap: [
      { crm: "hubspot", value: "ORGANIC_SEARCH", category: "marketing" },
      { crm: "hubspot", value: "OFFLINE", category: "sales" },
      { crm: "hubspot", value: "REFERRALS", category: "partner" },
      { crm: "salesforce", value: "Web", category: "marketing" },
      { crm: "salesforce", value: "Outbound", category: "sales" },
      { crm: "salesforce", value: "Partner Referral", category: "partner" },
    ],
    targets: [
      { serviceLine: "advisory", fiscalQuarter: "FY2026-Q4", amount: 100_000 },
      { serviceLine: "implementation", fiscalQuarter: "FY2026-Q4", amount: 40_000 },
    ],
  };
  await send(world, base, json("PUT", { definitions, note: "story definitions", basedOnVersion: current.version }));
}

/**
 * Everything a customer does, through the API: opens a workspace, agrees on definitions,
 * connects the CRM; then the worker's own processors run the first full sync and the recompute.
 */
export async function connectAndSync(world: StoryWorld, workspace: string, crm: "hubspot" | "salesforce") {
  await send(world, "/api/v1/workspaces", json("POST", { id: workspace, name: `Story (${crm})` }));
  await agreeOnDefinitions(world, workspace);
  const { sandbox } = world;
  const connection =
    crm === "hubspot"
      ? {
          crm,
          name: "HubSpot",
          settings: { baseUrl: sandbox.hubspot.baseUrl },
          credentials: { kind: "private_app", token: sandbox.hubspot.privateAppToken },
          syncNow: false,
        }
      : {
          crm,
          name: "Salesforce",
          settings: { loginUrl: sandbox.salesforce.loginUrl, automatedField: "Is_Automated__c" },
          credentials: {
            clientId: sandbox.salesforce.clientId,
            clientSecret: sandbox.salesforce.clientSecret,
            refreshToken: sandbox.salesforce.refreshToken,
          },
          syncNow: false,
        };
  const created: Body = await send(world, `/api/v1/workspaces/${workspace}/connections`, json("POST", connection));
  const outcome = await syncConnectionJob(world.worker, {
    workspaceId: workspace,
    connectionId: created.id,
    mode: "full",
    reason: "manual",
  });
  if (outcome.status !== "succeeded") throw new Error(`the ${crm} sync ended ${outcome.status}: ${outcome.detail}`);
  await recomputeFactsJob(world.worker, { workspaceId: workspace, all: true, reason: "sync" });
  return { connectionId: created.id as string, outcome };
}

export const getJson = send;
