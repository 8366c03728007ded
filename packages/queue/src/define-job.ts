import type { JobsOptions, RepeatOptions } from "bullmq";
import type { z } from "zod";

/** A job is declared once: its queue, name, payload schema and default options. */
export interface JobDeclaration<Name extends string, Payload extends z.ZodType> {
  queue: QueueName;
  name: Name;
  payload: Payload;
  options: JobsOptions;
}

/** Queues split work with different latency needs: a long sync must not delay an SLA tick. */
export const queueNames = ["sync", "alerts", "metrics", "system"] as const;
export type QueueName = (typeof queueNames)[number];

export function defineJob<Name extends string, Payload extends z.ZodType>(
  declaration: JobDeclaration<Name, Payload>,
): JobDeclaration<Name, Payload> {
  return declaration;
}

export type JobPayload<J> = J extends JobDeclaration<string, infer P> ? z.infer<P> : never;

/** A cron registered with `upsertJobScheduler` at worker boot. */
export interface JobSchedule<J extends JobDeclaration<string, z.ZodType>> {
  id: string;
  job: J;
  repeat: RepeatOptions;
  payload: z.infer<J["payload"]>;
}
