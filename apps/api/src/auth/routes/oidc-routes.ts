import { createRoute, z } from "@hono/zod-openapi";
import { findUserByEmail, findUserByOidcSubject, linkOidcSubject } from "@revops/db";
import { getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../../errors.ts";
import { newRouter } from "../../router.ts";
import { servedOverTls } from "../cookies.ts";
import { finishOidcFlow, startOidcFlow } from "../oidc.ts";
import { startSession } from "../sessions.ts";
import { errorResponses } from "./schemas.ts";

const stateCookie = "revops_oidc_state";
const notConfigured = () => new ApiError(404, "not_found", "Single sign-on is not configured on this server.");

/** Single sign-on (OIDC authorization code + PKCE). People must already have an account: SSO never creates one. */
export function oidcRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/auth/oidc/start",
        tags: ["auth"],
        summary: "Redirect to the single sign-on issuer",
        responses: { 302: { description: "To the issuer" }, ...errorResponses({ 404: "SSO is not configured" }) },
      }),
      async (c) => {
        const deps = c.get("deps");
        const settings = deps.config.auth.oidc;
        if (!settings) throw notConfigured();
        const flow = await startOidcFlow(deps, settings);
        setCookie(c, stateCookie, flow.state, {
          path: "/api/v1/auth/oidc",
          httpOnly: true,
          secure: servedOverTls(c),
          sameSite: "Lax",
          maxAge: flow.ttlSeconds,
        });
        return c.redirect(flow.url.href, 302);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/auth/oidc/callback",
        tags: ["auth"],
        summary: "The issuer's answer: signs the person in and returns to the dashboard",
        request: { query: z.object({ code: z.string().optional(), state: z.string().optional() }).passthrough() },
        responses: {
          302: { description: "To the dashboard, signed in, or with ?sso=failed / ?sso=no-account" },
          ...errorResponses({ 404: "SSO is not configured" }),
        },
      }),
      async (c) => {
        const deps = c.get("deps");
        const settings = deps.config.auth.oidc;
        if (!settings) throw notConfigured();
        const query = new URL(c.req.url).search.slice(1);
        const identity = await finishOidcFlow(deps, settings, query, getCookie(c, stateCookie) ?? "").catch(
          (error: unknown) => {
            c.get("log").warn({ reason: error instanceof Error ? error.message : "unknown" }, "sso refused");
            return undefined;
          },
        );
        if (!identity) return c.redirect("/?sso=failed", 302);
        const db = deps.database.db;
        let person = await findUserByOidcSubject(db, { subject: identity.subject });
        // The first SSO sign-in links the identity to the account with the same verified email.
        if (!person && identity.email && identity.emailVerified) {
          person = await findUserByEmail(db, { email: identity.email });
          if (person) await linkOidcSubject(db, { userId: person.id, subject: identity.subject });
        }
        if (!person) return c.redirect("/?sso=no-account", 302);
        await startSession(c, { userId: person.id, email: person.email, method: "oidc" });
        return c.redirect("/", 302);
      },
    );
}
