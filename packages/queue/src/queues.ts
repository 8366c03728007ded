import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { type JobDeclaration, type JobPayload, type QueueName, queueNames } from "./define-job.ts";

/** The producer side: one Queue per queue name, and enqueue calls typed from the declarations. */
export class JobQueues {
  readonly #queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
    this.#queues = new Map(queueNames.map((name) => [name, new Queue(name, { connection, prefix })]));
  }

  queue(name: QueueName): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    return queue;
  }

  async enqueue<J extends JobDeclaration<string, z.ZodType>>(
    job: J,
    payload: JobPayload<J>,
    options: { jobId?: string; delay?: number } = {},
  ) {
    const data = job.payload.parse(payload);
    return this.queue(job.queue).add(job.name, data, { ...job.options, ...options });
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
  }
}
