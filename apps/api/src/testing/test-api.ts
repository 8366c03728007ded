import type { DatabaseHandle } from "@revops/db";
import { createTestDatabase } from "@revops/db/testing";
import { JobQueues } from "@revops/queue";
import { createTestRedis } from "@revops/queue/testing";
import { createLogger } from "@revops/runtime";
import { newApp } from "../app.ts";
import { parseApiConfig } from "../config.ts";
import type { ApiDeps } from "../env.ts";

/** The real app on an isolated database and a private Redis prefix, as tests use it. */
export async function createTestApi(options: { env?: NodeJS.ProcessEnv } = {}) {
  const database: DatabaseHandle = await createTestDatabase();
  const testRedis = await createTestRedis();
  const config = parseApiConfig({ QUEUE_PREFIX: testRedis.prefix, LOG_LEVEL: "silent", ...options.env });
  const logger = createLogger({ level: config.logLevel, pretty: false, name: "api-test" });
  const queues = new JobQueues(testRedis.redis, testRedis.prefix);
  const deps: ApiDeps = { config, database, redis: testRedis.redis, queues, logger };
  const app = newApp(deps);
  return {
    app,
    deps,
    request: (path: string, init?: RequestInit) => app.request(path, init),
    close: async () => {
      await queues.close();
      await testRedis.cleanup();
      await database.close();
    },
  };
}
