import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// A workspace is one client company; every business table carries workspace_id.
export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull().default("UTC"),
  fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
