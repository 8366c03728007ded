export { connectRedis, probeRedis, type RedisSettings } from "./connection.ts";
export {
  defineJob,
  type JobDeclaration,
  type JobPayload,
  type JobSchedule,
  type QueueName,
  queueNames,
} from "./define-job.ts";
export {
  heartbeatStaleAfterMs,
  readWorkerHeartbeats,
  type WorkerHeartbeat,
  writeWorkerHeartbeat,
} from "./heartbeat.ts";
export * from "./jobs.ts";
export { JobQueues } from "./queues.ts";
