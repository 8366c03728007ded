import { hostname } from "node:os";
import { serve } from "@hono/node-server";
import { ensureWorkspace, migrateDatabase, openDatabase } from "@revops/db";
import { connectRedis, JobQueues, probeRedis } from "@revops/queue";
import { createLogger, onShutdownSignal, redisUnreachableMessage, runMain } from "@revops/runtime";
import { parseWorkerConfig } from "@revops/worker/config";
import { startWorker } from "@revops/worker/start";
import { newApp } from "./app.ts";
import { ensureDemoOwner } from "./auth/demo-owner.ts";
import { parseApiConfig } from "./config.ts";
import { setUpDemoConnections } from "./demo-setup.ts";

async function main() {
  const config = parseApiConfig(process.env);
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, name: "api" });

  const probe = await probeRedis(config.redisUrl);
  if (!probe.ok) {
    console.error(redisUnreachableMessage(config.redisUrl, probe.error));
    process.exit(1);
  }

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  if (config.demoWorkspace) await ensureWorkspace(database.db, { id: config.demoWorkspace, name: "Demo company" });
  const demoOwner = config.demoWorkspace
    ? await ensureDemoOwner(database.db, config.demoWorkspace, config.auth)
    : undefined;
  const redis = connectRedis(config.redisUrl, (error) =>
    logger.warn({ err: error.message }, "redis connection error; retrying"),
  );
  const queues = new JobQueues(redis, config.queuePrefix);
  // PGlite is single-process: with embedded storage the worker runs inside this process (ADR 0003).
  const embeddedWorker =
    database.kind === "pglite" && config.embeddedWorker
      ? await startWorker({
          config: parseWorkerConfig(process.env),
          database,
          redis,
          queues,
          logger: logger.child({ component: "worker" }),
          workerId: `${hostname()}-${process.pid}-embedded`,
          startedAt: new Date(),
        })
      : undefined;
  const app = newApp({ config, database, redis, queues, logger }, { serveWeb: true });
  await setUpDemoConnections({ config, database, redis, queues, logger });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ url: `http://${config.host}:${info.port}`, database: database.kind }, "api listening");
    // A configured password is not echoed; a generated one must be, or nobody could sign in.
    if (demoOwner)
      console.log(
        demoOwner.generated
          ? `\n  Sign in as ${demoOwner.email} with password ${demoOwner.password} (new at each start; set DEMO_OWNER_PASSWORD to keep one)\n`
          : `\n  Sign in as ${demoOwner.email} with the password in DEMO_OWNER_PASSWORD\n`,
      );
  });

  onShutdownSignal(async (signal) => {
    logger.info({ signal }, "api stopping");
    server.close();
    await embeddedWorker?.close();
    await queues.close();
    redis.disconnect();
    await database.close();
  });
}

runMain(main);
