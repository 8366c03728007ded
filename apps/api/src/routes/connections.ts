import { createRoute, z } from "@hono/zod-openapi";
import { findSyncRun, listConnections, listDataQualityProblems, listSyncRuns, syncFreshness } from "@revops/db";
import { auditChange } from "../auth/audit.ts";
import { badRequest, errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import {
  connectionChangeSchema,
  connectionCheckSchema,
  connectionSchema,
  newConnectionSchema,
  syncRunSchema,
  toConnection,
  toSyncRun,
} from "../services/connections/connection-schema.ts";
import { receiveHubspotWebhook } from "../services/connections/hubspot-webhook.ts";
import {
  changeCrmConnection,
  createCrmConnection,
  credentialsKindOf,
  removeCrmConnection,
  requestSync,
  requireConnection,
  testCrmConnection,
} from "../services/connections/manage-connections.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const uuidParam = (name: string) =>
  z
    .string()
    .uuid()
    .openapi({ param: { name, in: "path" } });
const connectionParams = params.extend({ connectionId: uuidParam("connectionId") });
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const failures = {
  400: { description: "Invalid input, naming the field", ...json(errorBodySchema) },
  404: { description: "No such workspace, connection or run", ...json(errorBodySchema) },
};
const body = <T extends z.ZodTypeAny>(schema: T) => ({ body: { required: true, ...json(schema) } });
const base = "/workspaces/{workspace}";

/** CRM connections (credentials write-only), their test, on-demand syncs, run history, freshness, data quality. */
export function connectionRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/connections`,
        tags: ["connections"],
        request: { params },
        responses: {
          200: { description: "Connections", ...json(z.object({ connections: z.array(connectionSchema) })) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        const rows = await listConnections(deps.database.db, { workspaceId: workspace });
        return c.json({ connections: rows.map((row) => toConnection(row, credentialsKindOf(deps, row))) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: `${base}/connections`,
        tags: ["connections"],
        request: { params, ...body(newConnectionSchema) },
        responses: {
          201: {
            description: "The connection (its first full sync is queued unless syncNow is false)",
            ...json(connectionSchema),
          },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        const row = await createCrmConnection(deps, workspace, c.req.valid("json"));
        await auditChange(c, {
          workspaceId: workspace,
          action: "connection.created",
          target: row.id,
          detail: { crm: row.crm, name: row.name },
        });
        return c.json(toConnection(row, credentialsKindOf(deps, row)), 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/connections/{connectionId}`,
        tags: ["connections"],
        request: { params: connectionParams },
        responses: { 200: { description: "The connection", ...json(connectionSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, connectionId } = c.req.valid("param");
        const deps = c.get("deps");
        const row = await requireConnection(deps, workspace, connectionId);
        return c.json(toConnection(row, credentialsKindOf(deps, row)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: `${base}/connections/{connectionId}`,
        tags: ["connections"],
        request: { params: connectionParams, ...body(connectionChangeSchema) },
        responses: { 200: { description: "The changed connection", ...json(connectionSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, connectionId } = c.req.valid("param");
        const deps = c.get("deps");
        const row = await changeCrmConnection(deps, workspace, connectionId, c.req.valid("json"));
        await auditChange(c, {
          workspaceId: workspace,
          action: "connection.changed",
          target: connectionId,
          detail: { fields: Object.keys(c.req.valid("json")) },
        });
        return c.json(toConnection(row, credentialsKindOf(deps, row)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: `${base}/connections/{connectionId}`,
        tags: ["connections"],
        request: { params: connectionParams },
        responses: { 204: { description: "Deleted with its synced records" }, ...failures },
      }),
      async (c) => {
        const { workspace, connectionId } = c.req.valid("param");
        await removeCrmConnection(c.get("deps"), workspace, connectionId);
        await auditChange(c, { workspaceId: workspace, action: "connection.removed", target: connectionId });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: `${base}/connections/{connectionId}/test`,
        tags: ["connections"],
        request: { params: connectionParams },
        responses: {
          200: { description: "What works and, precisely, what does not", ...json(connectionCheckSchema) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace, connectionId } = c.req.valid("param");
        const deps = c.get("deps");
        return c.json(await testCrmConnection(deps, await requireConnection(deps, workspace, connectionId)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: `${base}/connections/{connectionId}/sync`,
        tags: ["connections"],
        request: {
          params: connectionParams,
          body: {
            required: false,
            ...json(z.object({ mode: z.enum(["full", "incremental"]).default("incremental") })),
          },
        },
        responses: {
          202: { description: "The sync is queued", ...json(z.object({ jobId: z.string() })) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace, connectionId } = c.req.valid("param");
        const deps = c.get("deps");
        const row = await requireConnection(deps, workspace, connectionId);
        const mode = requestedMode(await c.req.text());
        return c.json(await requestSync(deps, row, mode, "manual"), 202);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/sync-runs`,
        tags: ["connections"],
        request: {
          params,
          query: z.object({
            connectionId: z.string().uuid().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: { description: "Sync runs, newest first", ...json(z.object({ runs: z.array(syncRunSchema) })) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const query = c.req.valid("query");
        const runs = await listSyncRuns(c.get("deps").database.db, {
          workspaceId: workspace,
          limit: query.limit,
          ...(query.connectionId ? { connectionId: query.connectionId } : {}),
        });
        return c.json({ runs: runs.map(toSyncRun) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/sync-runs/{runId}`,
        tags: ["connections"],
        request: { params: params.extend({ runId: uuidParam("runId") }) },
        responses: { 200: { description: "One run with its live progress", ...json(syncRunSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, runId } = c.req.valid("param");
        const run = await findSyncRun(c.get("deps").database.db, { workspaceId: workspace, runId });
        if (!run) throw notFound(`Sync run "${runId}"`);
        return c.json(toSyncRun(run), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/freshness`,
        tags: ["connections"],
        request: { params },
        responses: {
          200: {
            description: "Last successful sync per connection",
            ...json(
              z
                .object({
                  connections: z.array(
                    z.object({
                      connectionId: z.string(),
                      name: z.string(),
                      crm: z.string(),
                      status: z.string(),
                      lastSyncAt: z.string().nullable(),
                      lastFullSyncAt: z.string().nullable(),
                    }),
                  ),
                })
                .openapi("Freshness"),
            ),
          },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const rows = await syncFreshness(c.get("deps").database.db, { workspaceId: workspace });
        return c.json(
          {
            connections: rows.map((row) => ({
              ...row,
              lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
              lastFullSyncAt: row.lastFullSyncAt?.toISOString() ?? null,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: `${base}/data-quality`,
        tags: ["connections"],
        request: {
          params,
          query: z.object({
            connectionId: z.string().uuid().optional(),
            kind: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
        responses: {
          200: {
            description: "Records kept as far as valid, with what is wrong (unmapped values, malformed fields)",
            ...json(
              z
                .object({
                  total: z.number().int(),
                  byKind: z.record(z.string(), z.number()),
                  problems: z.array(
                    z.object({
                      connectionId: z.string(),
                      crmId: z.string(),
                      object: z.string(),
                      kind: z.string(),
                      field: z.string(),
                      value: z.string().nullable(),
                      message: z.string(),
                      firstSeen: z.string(),
                      lastSeen: z.string(),
                      count: z.number().int(),
                    }),
                  ),
                })
                .openapi("DataQuality"),
            ),
          },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const query = c.req.valid("query");
        const result = await listDataQualityProblems(c.get("deps").database.db, {
          workspaceId: workspace,
          limit: query.limit,
          offset: query.offset,
          ...(query.connectionId ? { connectionId: query.connectionId } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        });
        return c.json(
          {
            total: result.total,
            byKind: result.byKind,
            problems: result.problems.map((p) => ({
              connectionId: p.connectionId,
              crmId: p.crmId,
              object: p.object,
              kind: p.kind,
              field: p.field,
              value: p.value,
              message: p.message,
              firstSeen: p.firstSeen.toISOString(),
              lastSeen: p.lastSeen.toISOString(),
              count: p.count,
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/webhooks/hubspot/{connectionId}",
        tags: ["connections"],
        request: { params: z.object({ connectionId: uuidParam("connectionId") }) },
        responses: {
          202: {
            description: "Verified; an incremental sync of the touched records is queued",
            ...json(z.object({ enqueued: z.boolean() })),
          },
          400: failures[400],
          401: {
            description: "Bad or missing signature, or a timestamp older than 5 minutes",
            ...json(errorBodySchema),
          },
        },
      }),
      async (c) => {
        const { connectionId } = c.req.valid("param");
        const deps = c.get("deps");
        const url = new URL(c.req.url);
        const result = await receiveHubspotWebhook(deps, {
          connectionId,
          // The URI HubSpot signed: as received, or under the public URL when behind a proxy.
          urls: [c.req.url, `${deps.config.publicUrl}${url.pathname}${url.search}`],
          body: await c.req.text(),
          signature: c.req.header("x-hubspot-signature-v3"),
          timestamp: c.req.header("x-hubspot-request-timestamp"),
        });
        return c.json(result, 202);
      },
    );
}

/** The optional body of an on-demand sync: { mode: "full" | "incremental" } (default incremental). */
function requestedMode(text: string): "full" | "incremental" {
  if (!text.trim()) return "incremental";
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The body must be JSON: {"mode": "full" | "incremental"}');
  }
  const mode = (parsed as { mode?: unknown })?.mode ?? "incremental";
  if (mode !== "full" && mode !== "incremental")
    throw badRequest(`mode: must be "full" or "incremental", got ${JSON.stringify(mode)}`);
  return mode;
}
