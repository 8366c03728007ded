import type { Redis } from "ioredis";

export interface WorkerHeartbeat {
  workerId: string;
  pid: number;
  startedAt: string;
  beatAt: string;
  queues: string[];
}

/** A heartbeat older than this means the worker is down or stuck. */
export const heartbeatStaleAfterMs = 45_000;

const key = (prefix: string) => `${prefix}:workers:heartbeat`;

/** Written by the scheduled heartbeat job: proves the worker is alive AND processing jobs. */
export async function writeWorkerHeartbeat(redis: Redis, prefix: string, beat: WorkerHeartbeat): Promise<void> {
  await redis.hset(key(prefix), beat.workerId, JSON.stringify(beat));
}

export async function readWorkerHeartbeats(redis: Redis, prefix: string, now = Date.now()) {
  const entries = Object.values(await redis.hgetall(key(prefix))).map((raw) => JSON.parse(raw) as WorkerHeartbeat);
  const live = entries.filter((beat) => now - Date.parse(beat.beatAt) < heartbeatStaleAfterMs);
  const last =
    entries
      .map((beat) => beat.beatAt)
      .sort()
      .at(-1) ?? null;
  return { live, lastBeatAt: last };
}
