import { hostname } from "node:os";
import { serve } from "@hono/node-server";
import { ensureWorkspace, migrateDatabase, openDatabase } from "@revops/db";
import { connectRedis, JobQueues, probeRedis } from "@revops/queue";
import { ConfigError, createLogger, redisUnreachableMessage } from "@revops/runtime";
import { parseWorkerConfig } from "@revops/worker/config";
import { startWorker } from "@revops/worker/start";
import { newApp } from "./app.ts";
import { parseApiConfig } from "./config.ts";

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

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ url: `http://${config.host}:${info.port}`, database: database.kind }, "api listening");
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "api stopping");
    server.close();
    await embeddedWorker?.close();
    await queues.close();
    redis.disconnect();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nFix the variables above (see README, Configuration) and start again.`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
