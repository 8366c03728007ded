import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../client.ts";
import { connections } from "../schema/connections.ts";
import { deals, leads, owners } from "../schema/crm-records.ts";

export interface RecordIdentity {
  id: string;
  crm: "hubspot" | "salesforce";
  crmId: string;
  name: string | null;
  ownerCrmId: string | null;
  ownerName: string | null;
  connectionSettings: Record<string, unknown>;
}

/** CRM identity of leads or deals (for drill-down lists and deep links). */
export async function recordIdentities(
  db: Database,
  params: { workspaceId: string; recordType: "lead" | "deal"; ids: string[] },
): Promise<Map<string, RecordIdentity>> {
  const result = new Map<string, RecordIdentity>();
  const table = params.recordType === "lead" ? leads : deals;
  for (let i = 0; i < params.ids.length; i += 5_000) {
    const rows = await db
      .select({
        id: table.id,
        crm: table.crm,
        crmId: table.crmId,
        name: table.name,
        ownerCrmId: table.ownerCrmId,
        ownerName: owners.name,
        connectionSettings: connections.settings,
      })
      .from(table)
      .innerJoin(connections, eq(connections.id, table.connectionId))
      .leftJoin(owners, and(eq(owners.connectionId, table.connectionId), eq(owners.crmId, table.ownerCrmId)))
      .where(and(eq(table.workspaceId, params.workspaceId), inArray(table.id, params.ids.slice(i, i + 5_000))));
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}
