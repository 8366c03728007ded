import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { connections } from "../schema/connections.ts";

export type Connection = typeof connections.$inferSelect;
export type ConnectionStatus = "ok" | "syncing" | "needs_reconnect" | "error";

export async function createConnection(
  db: Database,
  params: {
    workspaceId: string;
    crm: "hubspot" | "salesforce";
    name: string;
    settings: Record<string, unknown>;
    credentials: { keyId: string; sealed: string };
    syncEveryMinutes?: number;
  },
): Promise<Connection> {
  const [row] = await db.insert(connections).values(params).returning();
  if (!row) throw new Error("connection was not created");
  return row;
}

export function listConnections(db: Database, params: { workspaceId: string }): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(eq(connections.workspaceId, params.workspaceId))
    .orderBy(asc(connections.createdAt), asc(connections.id));
}

/** Every connection of every workspace (the worker's boot step registers their schedules). */
export function listAllConnections(db: Database): Promise<Connection[]> {
  return db.select().from(connections).orderBy(asc(connections.createdAt));
}

export async function findConnection(
  db: Database,
  params: { workspaceId: string; connectionId: string },
): Promise<Connection | undefined> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.workspaceId, params.workspaceId), eq(connections.id, params.connectionId)));
  return row;
}

/** The webhook receiver knows only the connection id (it is in the URL HubSpot calls). */
export async function findConnectionById(
  db: Database,
  params: { connectionId: string },
): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, params.connectionId));
  return row;
}

export async function updateConnection(
  db: Database,
  params: {
    workspaceId: string;
    connectionId: string;
    name?: string;
    settings?: Record<string, unknown>;
    credentials?: { keyId: string; sealed: string };
    syncEveryMinutes?: number;
  },
): Promise<Connection | undefined> {
  const { workspaceId, connectionId, ...changes } = params;
  const [row] = await db
    .update(connections)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(connections.workspaceId, workspaceId), eq(connections.id, connectionId)))
    .returning();
  return row;
}

export async function setConnectionStatus(
  db: Database,
  params: { workspaceId: string; connectionId: string; status: ConnectionStatus; detail?: string | null },
): Promise<void> {
  await db
    .update(connections)
    .set({ status: params.status, statusDetail: params.detail ?? null, updatedAt: new Date() })
    .where(and(eq(connections.workspaceId, params.workspaceId), eq(connections.id, params.connectionId)));
}

export async function deleteConnection(
  db: Database,
  params: { workspaceId: string; connectionId: string },
): Promise<boolean> {
  // property_changes has no foreign key to its entity: remove them before the cascade removes the entities.
  await db.execute(sql`
    delete from property_changes where workspace_id = ${params.workspaceId} and entity_id in (
      select id from leads where connection_id = ${params.connectionId}
      union all select id from deals where connection_id = ${params.connectionId})`);
  const rows = await db
    .delete(connections)
    .where(and(eq(connections.workspaceId, params.workspaceId), eq(connections.id, params.connectionId)))
    .returning({ id: connections.id });
  return rows.length > 0;
}
