import { asc, eq } from "drizzle-orm";
import type { Database } from "../client.ts";
import { workspaces } from "../schema/workspaces.ts";

export type Workspace = typeof workspaces.$inferSelect;

export function listWorkspaces(db: Database): Promise<Workspace[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.name));
}

export async function findWorkspace(db: Database, params: { workspaceId: string }): Promise<Workspace | undefined> {
  const [found] = await db.select().from(workspaces).where(eq(workspaces.id, params.workspaceId));
  return found;
}

/** Creates the workspace if it does not exist; returns it either way. */
export async function ensureWorkspace(
  db: Database,
  params: { id: string; name: string; timezone?: string; fiscalYearStartMonth?: number },
): Promise<Workspace> {
  await db.insert(workspaces).values(params).onConflictDoNothing();
  const found = await findWorkspace(db, { workspaceId: params.id });
  if (!found) throw new Error(`workspace ${params.id} could not be created`);
  return found;
}
