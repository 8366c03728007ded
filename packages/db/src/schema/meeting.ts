import { date, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/** The notes of one week's review meeting: one shared document per (workspace, ISO week). */
export const reviewNotes = pgTable(
  "review_notes",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** ISO week of the review, e.g. 2026-W47. */
    week: text("week").notNull(),
    body: text("body").notNull(),
    author: text("author").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.week] })],
);

/**
 * An action item agreed in a review. It shows in the review of created_week and every later
 * week until it is done (done_week); a done item stays visible in the week it was closed.
 */
export const actionItems = pgTable(
  "action_items",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    dueDate: date("due_date", { mode: "string" }),
    /** open | in_progress | done */
    status: text("status").$type<ActionItemStatus>().notNull().default("open"),
    createdWeek: text("created_week").notNull(),
    doneWeek: text("done_week"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("action_items_workspace_week_idx").on(table.workspaceId, table.createdWeek)],
);

export type ActionItemStatus = "open" | "in_progress" | "done";
