import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { connections } from "./connections.ts";

const connectionId = () =>
  uuid("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true });

export type SyncRunStatus = "queued" | "running" | "succeeded" | "failed" | "needs_reconnect";

/** Live progress of a run: the object being read and how far it got. */
export interface SyncProgress {
  object: string | null;
  phase: string | null;
  pages: number;
  records: number;
}

export interface SyncRunError {
  at: string;
  object: string | null;
  message: string;
}

/** One full or incremental sync of a connection: its history and live progress. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: text("workspace_id").notNull(),
    connectionId: connectionId(),
    mode: text("mode", { enum: ["full", "incremental"] }).notNull(),
    reason: text("reason").notNull().default("manual"),
    status: text("status").$type<SyncRunStatus>().notNull().default("running"),
    /** BullMQ job id: a retried or resumed job continues its own run. */
    jobId: text("job_id"),
    startedAt: at("started_at").notNull().defaultNow(),
    finishedAt: at("finished_at"),
    heartbeatAt: at("heartbeat_at"),
    pages: integer("pages").notNull().default(0),
    /** Records written per object (contacts, deals, calls, ...). */
    recordsByObject: jsonb("records_by_object").$type<Record<string, number>>().notNull().default({}),
    requests: integer("requests").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    rateLimitWaits: integer("rate_limit_waits").notNull().default(0),
    rateLimitWaitMs: integer("rate_limit_wait_ms").notNull().default(0),
    errors: jsonb("errors").$type<SyncRunError[]>().notNull().default([]),
    progress: jsonb("progress").$type<SyncProgress>(),
  },
  (table) => [
    index("sync_runs_connection_idx").on(table.connectionId, table.startedAt),
    index("sync_runs_workspace_idx").on(table.workspaceId, table.startedAt),
  ],
);

/**
 * Where a connection's sync of one object stands. Written in the same transaction as the
 * page it covers, so a crash resumes exactly after the last committed page.
 */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    workspaceId: text("workspace_id").notNull(),
    connectionId: connectionId(),
    /** contacts, deals, calls, ..., or `<object>:full` for a full sync in progress. */
    object: text("object").notNull(),
    cursor: jsonb("cursor").$type<Record<string, unknown>>().notNull(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.object] })],
);

export type DataQualityKind =
  | "unmapped_value"
  | "malformed_record"
  | "missing_field"
  | "malformed_date"
  | "malformed_number"
  | "huge_value"
  | "unknown_reference";

/** A record kept as far as valid but with something wrong, listed on the data-quality page. */
export const dataQualityProblems = pgTable(
  "data_quality_problems",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: text("workspace_id").notNull(),
    connectionId: connectionId(),
    crmId: text("crm_id").notNull(),
    object: text("object").notNull(),
    kind: text("kind").$type<DataQualityKind>().notNull(),
    field: text("field").notNull().default(""),
    value: text("value"),
    message: text("message").notNull(),
    firstSeen: at("first_seen").notNull().defaultNow(),
    lastSeen: at("last_seen").notNull().defaultNow(),
    count: integer("count").notNull().default(1),
  },
  (table) => [
    // One row per value: every unmapped value is listed (spec §1), even several on one field.
    unique("data_quality_problems_identity")
      .on(table.connectionId, table.object, table.crmId, table.kind, table.field, table.value)
      .nullsNotDistinct(),
    index("data_quality_problems_workspace_idx").on(table.workspaceId, table.lastSeen),
  ],
);

/**
 * Lead–deal associations by CRM id, as the CRM states them; `lead_deals` is derived from it once
 * both records are synced (a deal can arrive before its contact).
 */
export const crmLeadDealLinks = pgTable(
  "crm_lead_deal_links",
  {
    workspaceId: text("workspace_id").notNull(),
    connectionId: connectionId(),
    leadCrmId: text("lead_crm_id").notNull(),
    dealCrmId: text("deal_crm_id").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.connectionId, table.leadCrmId, table.dealCrmId] }),
    index("crm_lead_deal_links_deal_idx").on(table.connectionId, table.dealCrmId),
  ],
);
