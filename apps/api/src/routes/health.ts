import { createRoute, z } from "@hono/zod-openapi";
import { newRouter } from "../router.ts";
import { readiness } from "../services/readiness.ts";

const checkSchema = z.object({ ok: z.boolean(), detail: z.string() });
const readySchema = z
  .object({
    ok: z.boolean(),
    database: checkSchema.extend({ kind: z.enum(["postgres", "pglite"]) }),
    redis: checkSchema,
  })
  .openapi("Readiness");

export function healthRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/health/live",
        tags: ["health"],
        responses: {
          200: {
            description: "The process is up",
            content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
          },
        },
      }),
      (c) => c.json({ ok: true as const }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/health/ready",
        tags: ["health"],
        responses: {
          200: { description: "Database and Redis answer", content: { "application/json": { schema: readySchema } } },
          503: {
            description: "A dependency does not answer",
            content: { "application/json": { schema: readySchema } },
          },
        },
      }),
      async (c) => {
        const report = await readiness(c.get("deps"));
        return c.json(report, report.ok ? 200 : 503);
      },
    );
}
