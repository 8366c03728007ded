import { createRoute, z } from "@hono/zod-openapi";
import { listWorkspacesOfUser, recordAudit, revokeSession } from "@revops/db";
import { newRouter } from "../../router.ts";
import { clearSessionCookies } from "../cookies.ts";
import { signInWithPassword } from "../sign-in.ts";
import { requirePerson, visibleWorkspaces } from "./context.ts";
import { errorResponses, json, jsonBody, myWorkspaceSchema, personSchema } from "./schemas.ts";

const signInBody = z
  .object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) })
  .openapi("SignIn");
const signedIn = z.object({ person: personSchema, csrfToken: z.string(), expiresAt: z.string() }).openapi("SignedIn");

export function sessionRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/auth/providers",
        tags: ["auth"],
        summary: "How people can sign in here: password, and single sign-on when configured",
        responses: {
          200: json(
            "Sign-in methods",
            z
              .object({ password: z.boolean(), oidc: z.object({ name: z.string() }).nullable() })
              .openapi("SignInProviders"),
          ),
        },
      }),
      (c) => {
        const oidc = c.get("deps").config.auth.oidc;
        return c.json({ password: true, oidc: oidc ? { name: new URL(oidc.issuer).hostname } : null }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/sign-in",
        tags: ["auth"],
        summary: "Sign in with email and password; sets the session cookie",
        request: { body: jsonBody(signInBody) },
        responses: {
          200: json("Signed in", signedIn),
          ...errorResponses({ 401: "Wrong email or password", 429: "Too many attempts" }),
        },
      }),
      async (c) => {
        const result = await signInWithPassword(c, c.req.valid("json"));
        return c.json(
          {
            person: { id: result.person.id, email: result.person.email, name: result.person.name },
            csrfToken: result.csrfToken,
            expiresAt: result.expiresAt.toISOString(),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/auth/sign-out",
        tags: ["auth"],
        summary: "End this session",
        responses: { 204: { description: "Signed out" }, ...errorResponses({ 401: "Not signed in" }) },
      }),
      async (c) => {
        const person = requirePerson(c);
        const db = c.get("deps").database.db;
        await revokeSession(db, { idHash: person.sessionHash, now: new Date() });
        await recordAudit(db, { workspaceId: null, actor: person.email, action: "sign-out", target: person.email });
        clearSessionCookies(c);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me",
        tags: ["auth"],
        summary: "The signed-in person, their workspaces and roles",
        responses: {
          200: json(
            "The person",
            z
              .object({ person: personSchema, csrfToken: z.string(), workspaces: z.array(myWorkspaceSchema) })
              .openapi("Me"),
          ),
          ...errorResponses({ 401: "Not signed in" }),
        },
      }),
      async (c) => {
        const person = requirePerson(c);
        const workspaces = await listWorkspacesOfUser(c.get("deps").database.db, { userId: person.userId });
        return c.json(
          {
            person: { id: person.userId, email: person.email, name: person.name },
            csrfToken: person.csrfToken,
            workspaces: workspaces.map(({ id, name, timezone, role }) => ({ id, name, timezone, role })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/workspaces",
        tags: ["auth"],
        summary: "The workspaces the caller may open, with their role in each",
        responses: {
          200: json("Workspaces", z.object({ workspaces: z.array(myWorkspaceSchema) })),
          ...errorResponses({ 401: "Not signed in" }),
        },
      }),
      async (c) => {
        const visible = await visibleWorkspaces(c);
        return c.json(
          { workspaces: visible.map(({ id, name, timezone, role }) => ({ id, name, timezone, role })) },
          200,
        );
      },
    );
}
