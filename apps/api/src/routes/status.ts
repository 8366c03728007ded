import { createRoute, z } from "@hono/zod-openapi";
import { readWorkerHeartbeats } from "@revops/queue";
import { newRouter } from "../router.ts";
import { readiness } from "../services/readiness.ts";

const statusSchema = z
  .object({
    ok: z.boolean(),
    database: z.object({
      ok: z.boolean(),
      kind: z.enum(["postgres", "pglite"]),
      location: z.string(),
      detail: z.string(),
    }),
    redis: z.object({ ok: z.boolean(), detail: z.string() }),
    worker: z.object({
      state: z.enum(["running", "down", "unknown"]),
      live: z.number().int().describe("workers whose heartbeat is fresh"),
      lastBeatAt: z.string().nullable(),
    }),
    version: z.string(),
  })
  .openapi("SystemStatus");

export function statusRoutes() {
  return newRouter().openapi(
    createRoute({
      method: "get",
      path: "/status",
      tags: ["system"],
      summary: "Database kind, Redis and worker state, for the dashboard's status view",
      responses: { 200: { description: "System status", content: { "application/json": { schema: statusSchema } } } },
    }),
    async (c) => {
      const deps = c.get("deps");
      const ready = await readiness(deps);
      const workers = ready.redis.ok
        ? await readWorkerHeartbeats(deps.redis, deps.config.queuePrefix)
        : { live: [], lastBeatAt: null };
      const workerState = !ready.redis.ok ? "unknown" : workers.live.length > 0 ? "running" : "down";
      return c.json(
        {
          ok: ready.ok && workerState === "running",
          database: { ...ready.database, location: deps.database.location },
          redis: ready.redis,
          worker: { state: workerState, live: workers.live.length, lastBeatAt: workers.lastBeatAt },
          version: "0.1.0",
        } as const,
        200,
      );
    },
  );
}
