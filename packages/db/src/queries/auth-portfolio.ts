import { and, count, eq, gte } from "drizzle-orm";
import type { Database } from "../client.ts";
import { alerts } from "../schema/alerts.ts";

/** SLA breaches raised in one workspace since an instant (the portfolio's "breaches this week"). */
export async function countBreachesSince(db: Database, params: { workspaceId: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ breaches: count() })
    .from(alerts)
    .where(
      and(eq(alerts.workspaceId, params.workspaceId), eq(alerts.kind, "breached"), gte(alerts.createdAt, params.since)),
    );
  return row?.breaches ?? 0;
}
