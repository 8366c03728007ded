import type { Definitions } from "@revops/core";
import { currentDefinitions, type Database } from "@revops/db";

/** The workspace's current definitions (SLA rules and calendars); the one place alerts read them. */
export async function alertDefinitions(db: Database, workspaceId: string): Promise<Definitions> {
  return (await currentDefinitions(db, { workspaceId })).document;
}
