import { type QueueName, queueNames } from "@revops/queue";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { upsertAlertSchedulers } from "./alerts/schedulers.ts";
import type { WorkerDeps } from "./deps.ts";
import { upgradeOldFacts } from "./processors/upgrade-facts.ts";
import { registrations, schedules } from "./registry.ts";
import { upsertConnectionSchedules } from "./sync/schedules.ts";

export interface RunningWorker {
  /** Stops taking jobs, waits for the active ones (worker.close() does), then returns. */
  close(): Promise<void>;
}

export async function startWorker(deps: WorkerDeps): Promise<RunningWorker> {
  const byName = new Map(registrations.map((registration) => [registration.job.name, registration]));
  const process = async (job: Job) => {
    const registration = byName.get(job.name);
    if (!registration) throw new UnrecoverableError(`no processor for job ${job.name}`);
    const payload = registration.job.payload.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${payload.error.message}`);
    return registration.process(deps, payload.data);
  };

  const queuesInUse = new Set<QueueName>(registrations.map((registration) => registration.job.queue));
  const workers = queueNames
    .filter((name) => queuesInUse.has(name))
    .map((name) => {
      const worker = new Worker(name, process, {
        connection: deps.redis.duplicate(),
        prefix: deps.config.queuePrefix,
        concurrency: deps.config.concurrency,
      });
      worker.on("failed", (job, error) =>
        deps.logger.warn({ queue: name, job: job?.name, jobId: job?.id, err: error.message }, "job failed"),
      );
      worker.on("error", (error) => deps.logger.warn({ queue: name, err: error.message }, "worker error; retrying"));
      return worker;
    });

  for (const schedule of schedules(deps)) {
    await deps.queues.queue(schedule.job.queue).upsertJobScheduler(schedule.id, schedule.repeat, {
      name: schedule.job.name,
      data: schedule.payload,
      opts: schedule.job.options,
    });
  }
  // Per-workspace crons (SLA tick, Monday digest in the workspace zone) depend on the data.
  await upsertAlertSchedulers(deps);
  // One incremental CRM sync scheduler per connection.
  await upsertConnectionSchedules(deps);
  await upgradeOldFacts(deps);
  deps.logger.info({ queues: [...queuesInUse], schedules: schedules(deps).map((s) => s.id) }, "worker started");

  return {
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
