import { findMembership } from "@revops/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { ApiError, errorResponse } from "../errors.ts";
import { csrfHeader } from "./cookies.ts";
import { csrfRejected, forbidden, notSignedIn, workspaceNotFound } from "./errors.ts";
import { identify } from "./identify.ts";
import { policyFor, workspaceOfPath } from "./policy.ts";
import type { Principal, WorkspaceAccess } from "./principal.ts";
import { atLeast } from "./roles.ts";
import { sameSecret } from "./secrets.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const workspaceId = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Applies the policy table to every /api request: who is calling, CSRF for cookie writes,
 * membership of the path's workspace (404 for non-members) and the minimum role.
 */
export const withAuth = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  const path = c.req.path;
  const policy = policyFor(method, path);
  if (!policy) {
    // No entry, no route: answered like any unknown path.
    if (method === "OPTIONS") return next();
    return errorResponse(
      c,
      404,
      "not_found",
      `No route for ${method} ${path}. The API is described at /api/openapi.json.`,
    );
  }
  const access = policy.access;
  const principal = access === "public" ? await identifyIfValid(c) : await identify(c);
  if (!safeMethods.has(method) && c.req.header("authorization") === undefined) checkOrigin(c);
  if (principal) {
    c.set("principal", principal);
    c.set("actor", { email: principal.email });
    if (principal.kind === "person" && !safeMethods.has(method)) checkCsrf(c, principal.csrfToken);
  }
  if (access === "public") return next();
  if (!principal) throw notSignedIn();
  if (access === "signed-in") return next();
  if (access === "person") {
    if (principal.kind !== "person") throw forbidden("API tokens cannot use this route; sign in as a person.");
    return next();
  }
  const workspace = workspaceOfPath(path);
  if (workspace === undefined) throw forbidden("This route has no workspace to check your role against.");
  if (!workspaceId.test(workspace))
    return errorResponse(
      c,
      400,
      "bad_request",
      "Invalid param: workspace: a workspace id is lowercase letters, digits and dashes, e.g. acme",
    );
  const granted = await roleIn(c, principal, workspace);
  if (!granted) throw workspaceNotFound(workspace);
  if (!atLeast(granted.role, access))
    throw forbidden(`Your role in this workspace is ${granted.role}; this needs ${access} or above.`);
  c.set("workspaceAccess", granted);
  return next();
});

async function roleIn(
  c: Context<AppEnv>,
  principal: Principal,
  workspace: string,
): Promise<WorkspaceAccess | undefined> {
  if (principal.kind === "token")
    return principal.workspaceId === workspace ? { workspaceId: workspace, role: principal.role } : undefined;
  const membership = await findMembership(c.get("deps").database.db, {
    workspaceId: workspace,
    userId: principal.userId,
  });
  return membership ? { workspaceId: workspace, role: membership.role } : undefined;
}

/** On a public route a stale cookie or token just means "not signed in". */
async function identifyIfValid(c: Context<AppEnv>): Promise<Principal | undefined> {
  try {
    return await identify(c);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

/** A cookie-authenticated write must echo the session's CSRF token. */
function checkCsrf(c: Context<AppEnv>, expected: string) {
  const sent = c.req.header(csrfHeader);
  if (!sent || !sameSecret(sent, expected)) throw csrfRejected();
}

/** A browser write (sign-in included) must come from our own origin when the browser says where from. */
function checkOrigin(c: Context<AppEnv>) {
  const origin = c.req.header("origin");
  if (origin !== undefined && !allowedOrigins(c).has(origin)) throw csrfRejected();
}

function allowedOrigins(c: Context<AppEnv>): Set<string> {
  return new Set([new URL(c.req.url).origin, new URL(c.get("deps").config.publicUrl).origin]);
}
