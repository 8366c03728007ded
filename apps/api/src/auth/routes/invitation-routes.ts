import { createRoute, z } from "@hono/zod-openapi";
import { newRouter } from "../../router.ts";
import { acceptInvitation, openInvitation, signUpWithInvitation } from "../services/invitations.ts";
import { startSession } from "../sessions.ts";
import { requirePerson } from "./context.ts";
import { errorResponses, json, jsonBody, roleSchema } from "./schemas.ts";

const token = z.object({ token: z.string().min(20).max(100) });
const joined = z.object({ workspace: z.string(), role: roleSchema }).openapi("InvitationAccepted");
const invalid = errorResponses({ 404: "The link is not valid (used, revoked or expired)" });

export function invitationRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/invitations/{token}",
        tags: ["members"],
        summary: "What an invitation link offers (the link itself is the secret)",
        request: { params: token },
        responses: {
          200: json(
            "The invitation",
            z.object({ workspaceName: z.string(), email: z.string(), role: roleSchema, expiresAt: z.string() }),
          ),
          ...invalid,
        },
      }),
      async (c) => {
        const found = await openInvitation(c.get("deps").database.db, c.req.valid("param").token);
        return c.json(
          {
            workspaceName: found.workspaceName,
            email: found.email,
            role: found.role,
            expiresAt: found.expiresAt.toISOString(),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/invitations/{token}/accept",
        tags: ["members"],
        summary: "Join the workspace as the signed-in person (the invitation's email)",
        request: { params: token },
        responses: { 200: json("Joined", joined), ...invalid, ...errorResponses({ 403: "Another email" }) },
      }),
      async (c) => {
        const person = requirePerson(c);
        const result = await acceptInvitation(c.get("deps").database.db, c.req.valid("param").token, person);
        return c.json({ workspace: result.workspaceId, role: result.role }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/invitations/{token}/sign-up",
        tags: ["members"],
        summary: "Create an account for the invited email with a password, join, and sign in",
        request: {
          params: token,
          body: jsonBody(z.object({ name: z.string().min(1).max(200), password: z.string().min(12).max(1024) })),
        },
        responses: { 200: json("Joined", joined), ...invalid, ...errorResponses({ 409: "Account exists" }) },
      }),
      async (c) => {
        const deps = c.get("deps");
        const result = await signUpWithInvitation(deps.database.db, c.req.valid("param").token, {
          ...c.req.valid("json"),
          scryptLogN: deps.config.auth.scryptLogN,
        });
        await startSession(c, { userId: result.person.id, email: result.person.email, method: "invitation" });
        return c.json({ workspace: result.workspaceId, role: result.role }, 200);
      },
    );
}
