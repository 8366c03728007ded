import { createRoute, z } from "@hono/zod-openapi";
import { listInvitations, listMembers, revokeInvitation } from "@revops/db";
import { notFound } from "../../errors.ts";
import { newRouter } from "../../router.ts";
import { workspaceParam } from "../../routes/workspaces.ts";
import { auditChange } from "../audit.ts";
import { inviteMember } from "../services/invitations.ts";
import { changeMemberRole, removeMember } from "../services/members.ts";
import { requirePrincipal } from "./context.ts";
import { errorResponses, json, jsonBody, roleSchema } from "./schemas.ts";

const workspace = z.object({ workspace: workspaceParam });
const memberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: roleSchema, joinedAt: z.string() })
  .openapi("Member");
const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(["open", "accepted", "revoked", "expired"]),
  })
  .openapi("Invitation");
const notFoundOrForbidden = errorResponses({ 403: "Role too weak", 404: "No such workspace or member" });

export function memberRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/members",
        tags: ["members"],
        request: { params: workspace },
        responses: { 200: json("Members", z.object({ members: z.array(memberSchema) })), ...notFoundOrForbidden },
      }),
      async (c) => {
        const rows = await listMembers(c.get("deps").database.db, { workspaceId: c.req.valid("param").workspace });
        return c.json({ members: rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString() })) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/workspaces/{workspace}/members/{userId}",
        tags: ["members"],
        summary: "Change a member's role (owners only)",
        request: {
          params: workspace.extend({ userId: z.uuid() }),
          body: jsonBody(z.object({ role: roleSchema })),
        },
        responses: {
          204: { description: "Changed" },
          ...notFoundOrForbidden,
          ...errorResponses({ 409: "The last owner" }),
        },
      }),
      async (c) => {
        const { workspace: workspaceId, userId } = c.req.valid("param");
        const actor = requirePrincipal(c).email;
        await changeMemberRole(c.get("deps").database.db, {
          workspaceId,
          userId,
          role: c.req.valid("json").role,
          actor,
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/members/{userId}",
        tags: ["members"],
        summary: "Remove a member; their sessions end",
        request: { params: workspace.extend({ userId: z.uuid() }) },
        responses: {
          204: { description: "Removed" },
          ...notFoundOrForbidden,
          ...errorResponses({ 409: "The last owner" }),
        },
      }),
      async (c) => {
        const { workspace: workspaceId, userId } = c.req.valid("param");
        await removeMember(c.get("deps").database.db, { workspaceId, userId, actor: requirePrincipal(c).email });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/invitations",
        tags: ["members"],
        request: { params: workspace },
        responses: {
          200: json("Invitations", z.object({ invitations: z.array(invitationSchema) })),
          ...notFoundOrForbidden,
        },
      }),
      async (c) => {
        const rows = await listInvitations(c.get("deps").database.db, { workspaceId: c.req.valid("param").workspace });
        const now = Date.now();
        return c.json(
          {
            invitations: rows.map((row) => ({
              id: row.id,
              email: row.email,
              role: row.role,
              invitedBy: row.invitedBy,
              createdAt: row.createdAt.toISOString(),
              expiresAt: row.expiresAt.toISOString(),
              state: row.acceptedAt
                ? ("accepted" as const)
                : row.revokedAt
                  ? ("revoked" as const)
                  : row.expiresAt.getTime() <= now
                    ? ("expired" as const)
                    : ("open" as const),
            })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/invitations",
        tags: ["members"],
        summary: "Invite someone by link; the link is shown once and expires in 7 days",
        request: { params: workspace, body: jsonBody(z.object({ email: z.email(), role: roleSchema })) },
        responses: {
          201: json("Invitation", z.object({ id: z.string(), link: z.string(), expiresAt: z.string() })),
          ...notFoundOrForbidden,
        },
      }),
      async (c) => {
        const { email, role } = c.req.valid("json");
        const deps = c.get("deps");
        const { invitation, link } = await inviteMember(deps.database.db, {
          workspaceId: c.req.valid("param").workspace,
          email,
          role,
          actor: requirePrincipal(c).email,
          publicUrl: deps.config.publicUrl,
        });
        return c.json({ id: invitation.id, link, expiresAt: invitation.expiresAt.toISOString() }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/invitations/{invitationId}",
        tags: ["members"],
        request: { params: workspace.extend({ invitationId: z.uuid() }) },
        responses: { 204: { description: "Revoked" }, ...notFoundOrForbidden },
      }),
      async (c) => {
        const { workspace: workspaceId, invitationId } = c.req.valid("param");
        const revoked = await revokeInvitation(c.get("deps").database.db, {
          workspaceId,
          invitationId,
          now: new Date(),
        });
        if (!revoked) throw notFound("Open invitation");
        await auditChange(c, { workspaceId, action: "member.invitation-revoked", target: invitationId });
        return c.body(null, 204);
      },
    );
}
