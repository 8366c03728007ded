import { createRoute, z } from "@hono/zod-openapi";
import { findWorkspace } from "@revops/db";
import { visibleWorkspaces } from "../auth/routes/context.ts";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";

export const workspaceParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a workspace id is lowercase letters, digits and dashes, e.g. acme")
  .openapi({ param: { name: "workspace", in: "path" }, example: "demo" });

const workspaceSchema = z
  .object({ id: z.string(), name: z.string(), timezone: z.string(), fiscalYearStartMonth: z.number().int() })
  .openapi("Workspace");

const toWorkspace = (row: { id: string; name: string; timezone: string; fiscalYearStartMonth: number }) => ({
  id: row.id,
  name: row.name,
  timezone: row.timezone,
  fiscalYearStartMonth: row.fiscalYearStartMonth,
});

export function workspaceRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces",
        tags: ["workspaces"],
        responses: {
          200: {
            description: "Workspaces",
            content: { "application/json": { schema: z.object({ workspaces: z.array(workspaceSchema) }) } },
          },
        },
      }),
      async (c) => {
        // Only the caller's own workspaces (auth/policy.ts: signed-in).
        const rows = await visibleWorkspaces(c);
        return c.json({ workspaces: rows.map(toWorkspace) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}",
        tags: ["workspaces"],
        request: { params: z.object({ workspace: workspaceParam }) },
        responses: {
          200: { description: "The workspace", content: { "application/json": { schema: workspaceSchema } } },
          404: { description: "No such workspace", content: { "application/json": { schema: errorBodySchema } } },
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const row = await findWorkspace(c.get("deps").database.db, { workspaceId: workspace });
        if (!row) throw notFound(`Workspace "${workspace}"`);
        return c.json(toWorkspace(row), 200);
      },
    );
}
