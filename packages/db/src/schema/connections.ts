import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/** A workspace's link to one HubSpot portal or Salesforce org. Credentials are sealed (never plaintext). */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    crm: text("crm", { enum: ["hubspot", "salesforce"] }).notNull(),
    name: text("name").notNull(),
    /** Non-secret settings: base URLs, service-line property, login URL, instance URL. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    /** { keyId, sealed }: AES-256-GCM sealed JSON of the credentials. */
    credentials: jsonb("credentials").$type<{ keyId: string; sealed: string }>().notNull(),
    /** ok | syncing | needs_reconnect | error */
    status: text("status").notNull().default("ok"),
    statusDetail: text("status_detail"),
    syncEveryMinutes: integer("sync_every_minutes").notNull().default(15),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("connections_workspace_idx").on(table.workspaceId)],
);
