import { recordAudit } from "@revops/db";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { actorOf } from "../services/actor.ts";

/**
 * One audit entry for a change made through a route, by the signed-in actor. `detail` names what
 * changed, never a value that could be a secret (credential fields are reported by name only).
 */
export async function auditChange(
  c: Context<AppEnv>,
  entry: { workspaceId: string; action: string; target: string; detail?: Record<string, unknown> },
) {
  await recordAudit(c.get("deps").database.db, { ...entry, actor: actorOf(c) });
}
