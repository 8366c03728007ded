import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { migrateDatabase, openDatabase } from "@revops/db";
import { connectRedis, JobQueues, probeRedis } from "@revops/queue";
import { createLogger, onShutdownSignal, redisUnreachableMessage, runMain } from "@revops/runtime";
import { parseWorkerConfig } from "./config.ts";
import { startWorker } from "./start-worker.ts";

async function main() {
  const config = parseWorkerConfig(process.env);
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty, name: "worker" });
  const probe = await probeRedis(config.redisUrl);
  if (!probe.ok) {
    console.error(redisUnreachableMessage(config.redisUrl, probe.error));
    process.exit(1);
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database);
  const redis = connectRedis(config.redisUrl, (error) =>
    logger.warn({ err: error.message }, "redis connection error; retrying"),
  );
  const queues = new JobQueues(redis, config.queuePrefix);
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const worker = await startWorker({ config, database, redis, queues, logger, workerId, startedAt: new Date() });

  onShutdownSignal(async (signal) => {
    logger.info({ signal }, "worker stopping: finishing active jobs");
    // Workers first (they wait for active jobs), then the queues, then the database.
    await worker.close();
    await queues.close();
    await database.close();
    redis.disconnect();
    logger.info("worker stopped");
  });
}

runMain(main);
