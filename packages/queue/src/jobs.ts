import { z } from "zod";
import { defineJob } from "./define-job.ts";

const workspaceId = z.string().min(1);
const retried = { attempts: 5, backoff: { type: "exponential", delay: 2_000 } } as const;

/** Proves the worker is alive: it writes its heartbeat, which the status view reads. */
export const workerHeartbeat = defineJob({
  queue: "system",
  name: "worker.heartbeat",
  payload: z.object({}),
  options: { removeOnComplete: 10, removeOnFail: 100 },
});

/** Full or incremental sync of one CRM connection (touched ids: a webhook's incremental sync). */
export const syncConnection = defineJob({
  queue: "sync",
  name: "sync.connection",
  payload: z.object({
    workspaceId,
    connectionId: z.string().uuid(),
    mode: z.enum(["full", "incremental"]),
    touched: z.object({ contacts: z.array(z.string()), deals: z.array(z.string()) }).optional(),
    reason: z.enum(["schedule", "manual", "webhook", "connect"]).default("manual"),
  }),
  options: { ...retried, removeOnComplete: 100, removeOnFail: 500 },
});

/** Recomputes the precomputed facts of the given entities (or all of the workspace) after a sync or a definition change. */
export const recomputeFacts = defineJob({
  queue: "metrics",
  name: "metrics.recompute",
  payload: z.object({
    workspaceId,
    leadIds: z.array(z.string()).optional(),
    dealIds: z.array(z.string()).optional(),
    all: z.boolean().default(false),
    reason: z.string().default("sync"),
  }),
  options: { ...retried, removeOnComplete: 100, removeOnFail: 500 },
});

/** Recomputes the SLA clocks of the given entities (or all), after their facts changed. */
export const refreshSlaClocks = defineJob({
  queue: "alerts",
  name: "alerts.refresh-clocks",
  payload: z.object({
    workspaceId,
    leadIds: z.array(z.string()).optional(),
    dealIds: z.array(z.string()).optional(),
    all: z.boolean().default(false),
  }),
  options: { ...retried, removeOnComplete: 100, removeOnFail: 500 },
});

/** One SLA tick of a workspace: clocks whose state can have changed since the last tick. */
export const evaluateSla = defineJob({
  queue: "alerts",
  name: "alerts.evaluate",
  payload: z.object({ workspaceId }),
  options: { attempts: 3, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: 50, removeOnFail: 200 },
});

/** Delivers one alert (or one owner's group of alerts) to one channel. */
export const deliverAlert = defineJob({
  queue: "alerts",
  name: "alerts.deliver",
  payload: z.object({ workspaceId, deliveryId: z.string() }),
  options: { attempts: 6, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: 200, removeOnFail: 1000 },
});

/** The Monday 08:00 digest of a workspace. */
export const weeklyDigest = defineJob({
  queue: "alerts",
  name: "alerts.weekly-digest",
  payload: z.object({ workspaceId, week: z.string().optional() }),
  options: { ...retried, removeOnComplete: 50, removeOnFail: 200 },
});
