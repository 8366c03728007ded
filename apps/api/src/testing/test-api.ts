import type { DatabaseHandle, WorkspaceRole } from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { JobQueues } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createLogger } from "@revops/runtime";
import { newApp } from "../app.ts";
import {
  createTestApiToken,
  createTestPerson,
  grantRole,
  ownEveryWorkspace,
  type TestCredentials,
} from "../auth/testing.ts";
import { parseApiConfig } from "../config.ts";
import type { ApiDeps } from "../env.ts";

/**
 * The real app on an isolated database and a private Redis prefix, as tests use it.
 * `request()` is signed in as a test owner who owns every workspace the test creates (through
 * the real session check, no bypass); `anonymous()` sends no credentials; `personWith()` and
 * `tokenFor()` give other roles.
 */
export async function createTestApi(options: { env?: NodeJS.ProcessEnv } = {}) {
  const database: DatabaseHandle = await createTestDatabase();
  const testRedis = await createTestRedis();
  const config = parseApiConfig({
    QUEUE_PREFIX: testRedis.prefix,
    LOG_LEVEL: "silent",
    // Cheap hashes keep tests fast; production uses the default cost.
    PASSWORD_SCRYPT_LOG_N: "10",
    TRUST_PROXY: "true",
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel, pretty: false, name: "api-test" });
  const queues = new JobQueues(testRedis.redis, testRedis.prefix);
  const deps: ApiDeps = { config, database, redis: testRedis.redis, queues, logger };
  const app = newApp(deps);
  const db = database.db;
  const testOwner = await createTestPerson(db, "test-owner@example.test", config.auth.scryptLogN);

  const send = (path: string, init: RequestInit | undefined, credentials: Record<string, string>) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(credentials)) if (!headers.has(name)) headers.set(name, value);
    return app.request(path, { ...init, headers });
  };
  const presentsCredentials = (init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    return headers.has("authorization") || headers.has("cookie");
  };

  return {
    app,
    deps,
    testOwner,
    request: async (path: string, init?: RequestInit) => {
      if (presentsCredentials(init)) return app.request(path, init);
      // A closed database (a test of failures) must fail in the app, not here.
      await ownEveryWorkspace(db, testOwner.userId).catch(() => undefined);
      return send(path, init, testOwner.headers);
    },
    anonymous: (path: string, init?: RequestInit) => app.request(path, init),
    /** A signed-in person with `role` in `workspace` (and no other membership). */
    personWith: async (workspace: string, role: WorkspaceRole, email = `${role}.${workspace}@example.test`) => {
      const person: TestCredentials = await createTestPerson(db, email, config.auth.scryptLogN);
      await grantRole(db, person.userId, workspace, role);
      return { ...person, request: (path: string, init?: RequestInit) => send(path, init, person.headers) };
    },
    /** A Bearer API token for `workspace` with `role`, made by the test owner. */
    tokenFor: async (workspace: string, role: WorkspaceRole) => {
      await ownEveryWorkspace(db, testOwner.userId);
      const token = await createTestApiToken(db, { workspaceId: workspace, role, createdBy: testOwner.userId });
      const headers = { authorization: `Bearer ${token}` };
      return { token, request: (path: string, init?: RequestInit) => send(path, init, headers) };
    },
    close: async () => {
      await queues.close();
      await testRedis.cleanup();
      await database.close();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
