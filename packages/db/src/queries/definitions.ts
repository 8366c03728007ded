import type { DefinitionChange, Definitions } from "@revops/core";
import { defaultDefinitions } from "@revops/core";
import { and, desc, eq, max } from "drizzle-orm";
import type { Database } from "../client.ts";
import { definitionVersions } from "../schema/definitions.ts";
import { workspaces } from "../schema/workspaces.ts";

export type DefinitionVersion = typeof definitionVersions.$inferSelect;

/** The definitions a workspace has before anyone changed them: spec defaults in the workspace's zone and fiscal year. */
export async function workspaceDefaultDefinitions(db: Database, params: { workspaceId: string }): Promise<Definitions> {
  const defaults = defaultDefinitions();
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, params.workspaceId));
  if (!workspace) return defaults;
  return {
    ...defaults,
    timezone: workspace.timezone,
    fiscalYearStartMonth: workspace.fiscalYearStartMonth,
    calendars: defaults.calendars.map((calendar) => ({ ...calendar, timezone: workspace.timezone })),
  };
}

/** The current definitions: the highest stored version, or the defaults as version 0. */
export async function currentDefinitions(
  db: Database,
  params: { workspaceId: string },
): Promise<{ version: number; document: Definitions }> {
  const [latest] = await db
    .select({ version: definitionVersions.version, document: definitionVersions.document })
    .from(definitionVersions)
    .where(eq(definitionVersions.workspaceId, params.workspaceId))
    .orderBy(desc(definitionVersions.version))
    .limit(1);
  if (latest) return latest;
  return { version: 0, document: await workspaceDefaultDefinitions(db, params) };
}

/** One version; version 0 is the defaults. Undefined when it does not exist. */
export async function findDefinitionVersion(
  db: Database,
  params: { workspaceId: string; version: number },
): Promise<{ version: number; document: Definitions } | undefined> {
  if (params.version === 0) return { version: 0, document: await workspaceDefaultDefinitions(db, params) };
  const [row] = await db
    .select({ version: definitionVersions.version, document: definitionVersions.document })
    .from(definitionVersions)
    .where(and(eq(definitionVersions.workspaceId, params.workspaceId), eq(definitionVersions.version, params.version)));
  return row;
}

/** The audit trail, newest first, without the documents. */
export function listDefinitionVersions(db: Database, params: { workspaceId: string }) {
  return db
    .select({
      version: definitionVersions.version,
      createdBy: definitionVersions.createdBy,
      createdAt: definitionVersions.createdAt,
      diff: definitionVersions.diff,
      note: definitionVersions.note,
    })
    .from(definitionVersions)
    .where(eq(definitionVersions.workspaceId, params.workspaceId))
    .orderBy(desc(definitionVersions.version));
}

/**
 * Stores the next version. The unique (workspace, version) key turns a concurrent change
 * into an error instead of a silently lost update; `expectedVersion` lets callers detect it first.
 */
export async function insertDefinitionVersion(
  db: Database,
  params: {
    workspaceId: string;
    document: Definitions;
    createdBy: string;
    diff: DefinitionChange[];
    note?: string | null;
  },
): Promise<DefinitionVersion> {
  const [current] = await db
    .select({ version: max(definitionVersions.version) })
    .from(definitionVersions)
    .where(eq(definitionVersions.workspaceId, params.workspaceId));
  const [row] = await db
    .insert(definitionVersions)
    .values({
      workspaceId: params.workspaceId,
      version: (current?.version ?? 0) + 1,
      document: params.document,
      createdBy: params.createdBy,
      diff: params.diff,
      note: params.note ?? null,
    })
    .returning();
  if (!row) throw new Error("definition version was not stored");
  return row;
}
