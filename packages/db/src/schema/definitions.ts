import type { DefinitionChange, Definitions } from "@revops/core";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/**
 * Every agreed version of a workspace's definitions ("Revenue SLA"); the highest version is
 * current. Rows are never updated: each change is a new row with who, when and the diff.
 */
export const definitionVersions = pgTable(
  "definition_versions",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    document: jsonb("document").$type<Definitions>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Leaf-level changes from the previous version (from the defaults for version 1). */
    diff: jsonb("diff").$type<DefinitionChange[]>().notNull(),
    note: text("note"),
  },
  (table) => [
    uniqueIndex("definition_versions_workspace_version").on(table.workspaceId, table.version),
    index("definition_versions_workspace_idx").on(table.workspaceId),
  ],
);
