import { findLiveApiToken, findLiveSession, touchApiToken } from "@revops/db";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { readSessionCookie } from "./cookies.ts";
import { notSignedIn } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { weakerRole } from "./roles.ts";
import { hashSecret } from "./secrets.ts";

export const apiTokenPrefix = "rvp_";

/**
 * The caller from an `Authorization: Bearer` API token or the session cookie; undefined when
 * neither is present. A presented but invalid credential is a 401, never an anonymous call.
 */
export async function identify(c: Context<AppEnv>): Promise<Principal | undefined> {
  const db = c.get("deps").database.db;
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const [scheme, token] = authorization.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token?.startsWith(apiTokenPrefix)) throw notSignedIn();
    const found = await findLiveApiToken(db, { tokenHash: hashSecret(token) });
    if (!found) throw notSignedIn();
    await touchApiToken(db, { tokenId: found.id, now: new Date() });
    return {
      kind: "token",
      tokenId: found.id,
      workspaceId: found.workspaceId,
      role: weakerRole(found.role, found.creatorRole),
      userId: found.createdBy,
      email: `api-token ${found.prefix}… (${found.name}, by ${found.creatorEmail})`,
    };
  }
  const sessionId = readSessionCookie(c);
  if (sessionId === undefined) return undefined;
  const sessionHash = hashSecret(sessionId);
  const session = await findLiveSession(db, { idHash: sessionHash, now: new Date() });
  if (!session) throw notSignedIn();
  return {
    kind: "person",
    userId: session.userId,
    email: session.email,
    name: session.name,
    sessionHash,
    csrfToken: session.csrfToken,
  };
}
