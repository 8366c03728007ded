import { type RunningSandbox, type StartOptions, startSandbox } from "@revops/crm-sandbox";
import { type Connection, createConnection, ensureWorkspace } from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { JobQueues } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createLogger, newKeyRingEntry } from "@revops/runtime";
import { parseWorkerConfig } from "../config.ts";
import type { WorkerDeps } from "../deps.ts";
import { secretBoxOf } from "../sync/secret-box.ts";

const SANDBOX_NOW = "2026-11-24T12:00:00Z";

/** A sandbox at a fixed "now" with limits high enough not to slow a test down (unless asked). */
export function startTestSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  return startSandbox({
    seed: 7,
    leads: 150,
    now: SANDBOX_NOW,
    ...options,
    limits: {
      hubspot: { perTenSeconds: 100_000, searchPerSecond: 1_000, ...options.limits?.hubspot },
      ...options.limits,
    },
  });
}

/** Real database, Redis and queues for one test, in the worker's deps shape. */
export async function createSyncTestDeps(env: NodeJS.ProcessEnv = {}) {
  const database = await createTestDatabase();
  const testRedis = await createTestRedis();
  const config = parseWorkerConfig({
    QUEUE_PREFIX: testRedis.prefix,
    LOG_LEVEL: "silent",
    ENCRYPTION_KEYS: newKeyRingEntry(),
    SYNC_LOCK_TTL_MS: "2000",
    ...env,
  });
  const queues = new JobQueues(testRedis.redis, testRedis.prefix);
  const deps: WorkerDeps = {
    config,
    database,
    redis: testRedis.redis,
    queues,
    logger: createLogger({ level: "silent", pretty: false, name: "sync-test" }),
    workerId: "test-worker",
    startedAt: new Date(),
  };
  await ensureWorkspace(database.db, { id: "acme", name: "Acme" });
  return {
    deps,
    databaseUrl: database.url,
    redisPrefix: testRedis.prefix,
    close: async () => {
      await queues.close();
      await testRedis.cleanup();
      await database.close();
    },
  };
}

/** A connection of workspace `acme` to the sandbox, credentials sealed as the API seals them. */
export async function connectSandbox(
  deps: WorkerDeps,
  sandbox: RunningSandbox,
  crm: "hubspot" | "salesforce",
  settings: Record<string, unknown> = {},
  credentials?: Record<string, unknown>,
): Promise<Connection> {
  const box = secretBoxOf(deps.config);
  if (crm === "hubspot") {
    return createConnection(deps.database.db, {
      workspaceId: "acme",
      crm,
      name: "HubSpot sandbox",
      settings: { baseUrl: sandbox.hubspot.baseUrl, requestTimeoutMs: 5_000, ...settings },
      credentials: box.seal(
        JSON.stringify(credentials ?? { kind: "private_app", token: sandbox.hubspot.privateAppToken }),
      ),
    });
  }
  return createConnection(deps.database.db, {
    workspaceId: "acme",
    crm,
    name: "Salesforce sandbox",
    settings: {
      loginUrl: sandbox.salesforce.loginUrl,
      serviceLineField: sandbox.salesforce.serviceLineField,
      automatedField: "Is_Automated__c",
      requestsPerSecond: 1_000,
      requestTimeoutMs: 5_000,
      ...settings,
    },
    credentials: box.seal(
      JSON.stringify(
        credentials ?? {
          clientId: sandbox.salesforce.clientId,
          clientSecret: sandbox.salesforce.clientSecret,
          refreshToken: sandbox.salesforce.refreshToken,
        },
      ),
    ),
  });
}
