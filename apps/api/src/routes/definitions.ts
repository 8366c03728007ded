import { createRoute, z } from "@hono/zod-openapi";
import { currentDefinitions, findDefinitionVersion, findWorkspace, listDefinitionVersions } from "@revops/db";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import { actorOf } from "../services/actor.ts";
import { changeDefinitions } from "../services/definitions/change-definitions.ts";
import { definitionChangeSchema, definitionsSchema } from "../services/definitions/definitions-schema.ts";
import { fieldPath, invalidDefinitions } from "../services/definitions/parse-definitions.ts";
import { readRevenueSla, renderRevenueSla } from "../services/definitions/revenue-sla-document.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const errors = {
  400: {
    description: "Invalid definitions (code invalid_definitions), each problem naming its field",
    content: { "application/json": { schema: errorBodySchema } },
  },
  404: { description: "No such workspace or version", content: { "application/json": { schema: errorBodySchema } } },
  409: {
    description: "The definitions changed since basedOnVersion",
    content: { "application/json": { schema: errorBodySchema } },
  },
};
const currentSchema = z
  .object({
    workspace: z.string(),
    version: z.number().int().describe("0 = the defaults, never changed"),
    definitions: definitionsSchema,
  })
  .openapi("DefinitionsVersion");
const changeResult = z
  .object({ version: z.number().int(), changed: z.boolean(), diff: z.array(definitionChangeSchema) })
  .openapi("DefinitionsChangeResult");
const historySchema = z
  .object({
    versions: z.array(
      z.object({
        version: z.number().int(),
        createdBy: z.string(),
        createdAt: z.string(),
        note: z.string().nullable(),
        diff: z.array(definitionChangeSchema),
      }),
    ),
  })
  .openapi("DefinitionsHistory");

// A malformed document is an invalid_definitions error like a semantically wrong one.
const definitionsHook = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}): undefined => {
  if (result.success || !result.error) return undefined;
  throw invalidDefinitions(
    result.error.issues.map(
      (issue) =>
        `${fieldPath(issue.path.slice(issue.path[0] === "definitions" || issue.path[0] === "changes" ? 1 : 0)) || "body"}: ${issue.message}`,
    ),
  );
};

async function requireWorkspace(
  c: { get: (k: "deps") => { database: { db: Parameters<typeof findWorkspace>[0] } } },
  workspace: string,
) {
  if (!(await findWorkspace(c.get("deps").database.db, { workspaceId: workspace })))
    throw notFound(`Workspace "${workspace}"`);
}

export function definitionRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/definitions",
        tags: ["definitions"],
        summary: "The current definitions (version 0 = defaults)",
        request: { params },
        responses: {
          200: { description: "Current definitions", content: { "application/json": { schema: currentSchema } } },
          404: errors[404],
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        await requireWorkspace(c, workspace);
        const current = await currentDefinitions(c.get("deps").database.db, { workspaceId: workspace });
        return c.json({ workspace, version: current.version, definitions: current.document }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/workspaces/{workspace}/definitions",
        tags: ["definitions"],
        summary: "Replace the definitions: a new version with who, when and the diff; facts are recomputed",
        request: {
          params,
          body: {
            required: true,
            content: {
              "application/json": {
                schema: z.object({
                  definitions: definitionsSchema,
                  note: z.string().max(2000).optional(),
                  basedOnVersion: z.number().int().min(0).optional(),
                }),
              },
            },
          },
        },
        responses: {
          200: { description: "Stored (or unchanged)", content: { "application/json": { schema: changeResult } } },
          ...errors,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const body = c.req.valid("json");
        const result = await changeDefinitions(c.get("deps"), {
          workspaceId: workspace,
          actor: actorOf(c),
          document: body.definitions,
          note: body.note,
          basedOnVersion: body.basedOnVersion,
        });
        return c.json(result, 200);
      },
      definitionsHook,
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/workspaces/{workspace}/definitions",
        tags: ["definitions"],
        summary: "Change some sections (top-level keys replace the current ones): a new version",
        request: {
          params,
          body: {
            required: true,
            content: {
              "application/json": {
                schema: z.object({
                  changes: definitionsSchema.partial(),
                  note: z.string().max(2000).optional(),
                  basedOnVersion: z.number().int().min(0).optional(),
                }),
              },
            },
          },
        },
        responses: {
          200: { description: "Stored (or unchanged)", content: { "application/json": { schema: changeResult } } },
          ...errors,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const body = c.req.valid("json");
        const deps = c.get("deps");
        await requireWorkspace(c, workspace);
        const current = await currentDefinitions(deps.database.db, { workspaceId: workspace });
        const result = await changeDefinitions(deps, {
          workspaceId: workspace,
          actor: actorOf(c),
          document: { ...current.document, ...body.changes },
          note: body.note,
          basedOnVersion: body.basedOnVersion ?? current.version,
        });
        return c.json(result, 200);
      },
      definitionsHook,
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/definitions/versions",
        tags: ["definitions"],
        summary: "The audit trail: every version with who, when and what changed, newest first",
        request: { params },
        responses: {
          200: { description: "History", content: { "application/json": { schema: historySchema } } },
          404: errors[404],
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        await requireWorkspace(c, workspace);
        const rows = await listDefinitionVersions(c.get("deps").database.db, { workspaceId: workspace });
        return c.json({ versions: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/definitions/versions/{version}",
        tags: ["definitions"],
        summary: "One stored version (0 = the defaults)",
        request: {
          params: params.extend({
            version: z.coerce
              .number()
              .int()
              .min(0)
              .openapi({ param: { name: "version", in: "path" } }),
          }),
        },
        responses: {
          200: { description: "That version", content: { "application/json": { schema: currentSchema } } },
          404: errors[404],
        },
      }),
      async (c) => {
        const { workspace, version } = c.req.valid("param");
        await requireWorkspace(c, workspace);
        const found = await findDefinitionVersion(c.get("deps").database.db, { workspaceId: workspace, version });
        if (!found) throw notFound(`Definitions version ${version} of workspace "${workspace}"`);
        return c.json({ workspace, version: found.version, definitions: found.document }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/definitions/export",
        tags: ["definitions"],
        summary: 'The whole definition set as one "Revenue SLA" document (JSON or YAML)',
        request: { params, query: z.object({ format: z.enum(["json", "yaml"]).default("yaml") }) },
        responses: {
          200: {
            description: "The Revenue SLA document",
            content: {
              "application/yaml": { schema: z.string() },
              "application/json": { schema: z.object({}).passthrough() },
            },
          },
          404: errors[404],
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const { format } = c.req.valid("query");
        await requireWorkspace(c, workspace);
        const current = await currentDefinitions(c.get("deps").database.db, { workspaceId: workspace });
        const text = renderRevenueSla(
          {
            kind: "RevenueSLA",
            workspace,
            version: current.version,
            exportedAt: new Date().toISOString(),
            definitions: current.document,
          },
          format,
        );
        c.header(
          "content-type",
          format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8",
        );
        c.header(
          "content-disposition",
          `attachment; filename="revenue-sla-${workspace}-v${current.version}.${format}"`,
        );
        return c.body(text, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/definitions/import",
        tags: ["definitions"],
        summary:
          "Import a Revenue SLA document (JSON or YAML, as exported); validated like any change, stored as a new version",
        request: {
          params,
          query: z.object({ note: z.string().max(2000).optional() }),
          body: {
            required: true,
            content: {
              "application/yaml": { schema: z.string() },
              "application/json": { schema: z.object({}).passthrough() },
            },
          },
        },
        responses: {
          200: { description: "Stored (or unchanged)", content: { "application/json": { schema: changeResult } } },
          ...errors,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const { note } = c.req.valid("query");
        const document = readRevenueSla(await c.req.text(), c.req.header("content-type") ?? "application/yaml");
        const result = await changeDefinitions(c.get("deps"), {
          workspaceId: workspace,
          actor: actorOf(c),
          document,
          note: note ?? "imported",
        });
        return c.json(result, 200);
      },
    );
}
