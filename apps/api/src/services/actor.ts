import type { Context } from "hono";

/**
 * Who is acting, for audit trails. Sign-in (issue 8) sets the `actor` context variable;
 * until then, and for unauthenticated calls, changes are recorded as "system".
 */
export function actorOf(c: Context): string {
  const actor = (c.var as { actor?: { email?: string } }).actor;
  return actor?.email ?? "system";
}
