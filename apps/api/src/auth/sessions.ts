import { insertSession, recordAudit } from "@revops/db";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { writeSessionCookies } from "./cookies.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** Starts a server-side session for the person and hands the browser its cookies. */
export async function startSession(c: Context<AppEnv>, person: { userId: string; email: string; method: string }) {
  const deps = c.get("deps");
  const id = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + deps.config.auth.sessionTtlMs);
  await insertSession(deps.database.db, { idHash: hashSecret(id), userId: person.userId, csrfToken, expiresAt });
  await recordAudit(deps.database.db, {
    workspaceId: null,
    actor: person.email,
    action: "sign-in",
    target: person.email,
    detail: { method: person.method },
  });
  writeSessionCookies(c, { id, csrfToken, expiresAt });
  return { csrfToken, expiresAt };
}
