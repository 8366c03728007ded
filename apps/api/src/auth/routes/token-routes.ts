import { createRoute, z } from "@hono/zod-openapi";
import { listApiTokens, listAuditEntries } from "@revops/db";
import { newRouter } from "../../router.ts";
import { workspaceParam } from "../../routes/workspaces.ts";
import { createApiToken, revokeWorkspaceApiToken } from "../services/api-tokens.ts";
import { requirePrincipal, requireWorkspaceAccess } from "./context.ts";
import { errorResponses, json, jsonBody, roleSchema } from "./schemas.ts";

const workspace = z.object({ workspace: workspaceParam });
const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    prefix: z.string().describe("the first characters, to tell tokens apart"),
    createdBy: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiToken");
const denied = errorResponses({ 403: "Role too weak", 404: "No such workspace or token" });
const iso = (at: Date | null) => at?.toISOString() ?? null;

export function tokenRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/api-tokens",
        tags: ["api-tokens"],
        request: { params: workspace },
        responses: {
          200: json("API tokens (never their secret)", z.object({ tokens: z.array(tokenSchema) })),
          ...denied,
        },
      }),
      async (c) => {
        const rows = await listApiTokens(c.get("deps").database.db, { workspaceId: c.req.valid("param").workspace });
        return c.json(
          {
            tokens: rows.map((row) => ({
              ...row,
              createdAt: row.createdAt.toISOString(),
              lastUsedAt: iso(row.lastUsedAt),
              revokedAt: iso(row.revokedAt),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/api-tokens",
        tags: ["api-tokens"],
        summary: "Create a token for scripts and BI tools; the secret is shown only in this answer",
        request: {
          params: workspace,
          body: jsonBody(z.object({ name: z.string().min(1).max(100), role: roleSchema.default("viewer") })),
        },
        responses: {
          201: json(
            "The token, once",
            z.object({ id: z.string(), token: z.string(), prefix: z.string(), role: roleSchema }),
          ),
          ...denied,
        },
      }),
      async (c) => {
        const principal = requirePrincipal(c);
        const access = requireWorkspaceAccess(c);
        const { name, role } = c.req.valid("json");
        const { created, token } = await createApiToken(c.get("deps").database.db, {
          workspaceId: access.workspaceId,
          name,
          role,
          creator: { userId: principal.userId, email: principal.email, role: access.role },
        });
        return c.json({ id: created.id, token, prefix: created.prefix, role: created.role }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/api-tokens/{tokenId}",
        tags: ["api-tokens"],
        request: { params: workspace.extend({ tokenId: z.uuid() }) },
        responses: { 204: { description: "Revoked" }, ...denied },
      }),
      async (c) => {
        const { workspace: workspaceId, tokenId } = c.req.valid("param");
        await revokeWorkspaceApiToken(c.get("deps").database.db, {
          workspaceId,
          tokenId,
          actor: requirePrincipal(c).email,
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/audit-log",
        tags: ["audit"],
        summary: "Sign-ins aside, who changed what in this workspace, newest first",
        request: {
          params: workspace,
          query: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            before: z.coerce.number().int().positive().optional(),
          }),
        },
        responses: {
          200: json(
            "Audit entries",
            z.object({
              entries: z.array(
                z
                  .object({
                    id: z.number().int(),
                    actor: z.string(),
                    action: z.string(),
                    target: z.string(),
                    detail: z.record(z.string(), z.unknown()),
                    at: z.string(),
                  })
                  .openapi("AuditEntry"),
              ),
            }),
          ),
          ...denied,
        },
      }),
      async (c) => {
        const { limit, before } = c.req.valid("query");
        const rows = await listAuditEntries(c.get("deps").database.db, {
          workspaceId: c.req.valid("param").workspace,
          limit,
          ...(before === undefined ? {} : { before }),
        });
        return c.json(
          {
            entries: rows.map((row) => ({
              id: row.id,
              actor: row.actor,
              action: row.action,
              target: row.target,
              detail: row.detail,
              at: row.at.toISOString(),
            })),
          },
          200,
        );
      },
    );
}
