import type { JobDeclaration, JobSchedule } from "@revops/queue";
import { recomputeFacts, syncConnection, workerHeartbeat } from "@revops/queue";
import type { z } from "zod";
import { alertRegistrations } from "./alerts/registrations.ts";
import type { WorkerDeps } from "./deps.ts";
import { recomputeFactsJob } from "./processors/recompute-facts.ts";
import { recordHeartbeat } from "./processors/record-heartbeat.ts";
import { syncConnectionJob } from "./processors/sync-connection.ts";

/** A processor is a plain function of (deps, validated payload). */
export interface Registration<J extends JobDeclaration<string, z.ZodType>> {
  job: J;
  process: (deps: WorkerDeps, payload: z.infer<J["payload"]>) => Promise<unknown>;
}

const register = <J extends JobDeclaration<string, z.ZodType>>(registration: Registration<J>) =>
  registration as unknown as Registration<JobDeclaration<string, z.ZodType>>;

/** Every job the worker knows, by declaration. */
export const registrations = [
  register({ job: workerHeartbeat, process: (deps) => recordHeartbeat(deps) }),
  ...alertRegistrations,
  register({ job: recomputeFacts, process: recomputeFactsJob }),
  register({ job: syncConnection, process: syncConnectionJob }),
];

/** The crons registered with upsertJobScheduler at boot. */
export function schedules(deps: WorkerDeps): JobSchedule<JobDeclaration<string, z.ZodType>>[] {
  return [
    { id: "worker-heartbeat", job: workerHeartbeat, repeat: { every: deps.config.heartbeatEveryMs }, payload: {} },
  ];
}
