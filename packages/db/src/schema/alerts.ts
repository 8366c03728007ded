import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

const workspaceId = () =>
  text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Where alerts and digests go. Non-secret settings are plain JSON (SMTP host, recipients);
 * secrets (Slack webhook URL, SMTP password, HMAC secret) are sealed with the key ring.
 */
export const alertChannels = pgTable(
  "alert_channels",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    /** The name SLA rules list in `channels` / `escalationChannels`. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["slack", "email", "webhook"] }).notNull(),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    secrets: jsonb("secrets").$type<{ keyId: string; sealed: string } | null>(),
    /** A workspace channel gets every rule's alerts; otherwise only rules naming its key. */
    allRules: boolean("all_rules").notNull().default(true),
    /** Also receives the weekly digest (Slack and webhook channels; email uses digest subscribers). */
    digest: boolean("digest").notNull().default(false),
    enabled: boolean("enabled").notNull().default(true),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    lastFailureAt: at("last_failure_at"),
    lastSuccessAt: at("last_success_at"),
    /** Set when the channel keeps failing; cleared by the next success. */
    flaggedAt: at("flagged_at"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [uniqueIndex("alert_channels_workspace_key").on(table.workspaceId, table.key)],
);

/** Per-rule delivery options (rules themselves live in the workspace definitions). */
export const alertRuleSettings = pgTable(
  "alert_rule_settings",
  {
    workspaceId: workspaceId(),
    ruleKey: text("rule_key").notNull(),
    /** One message per owner per tick instead of one per record. */
    groupByOwner: boolean("group_by_owner").notNull().default(false),
    /** Hold deliveries outside the rule's calendar until it next opens. */
    quietHours: boolean("quiet_hours").notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.ruleKey] })],
);

/** One SLA clock per (rule, entity, cycle), refreshed from the entity's facts. */
export const slaClocks = pgTable(
  "sla_clocks",
  {
    workspaceId: workspaceId(),
    ruleKey: text("rule_key").notNull(),
    entityKind: text("entity_kind", { enum: ["lead", "deal"] }).notNull(),
    entityId: text("entity_id").notNull(),
    cycleIndex: integer("cycle_index").notNull(),
    startAt: at("start_at").notNull(),
    deadlineAt: at("deadline_at").notNull(),
    atRiskAt: at("at_risk_at").notNull(),
    escalateAt: at("escalate_at"),
    stoppedAt: at("stopped_at"),
    /** running | at_risk | breached | escalated | met | stopped_at_risk, as of the last evaluation. */
    state: text("state").notNull().default("running"),
    /** The next threshold at which the clock can earn an alert; null when it never will again. */
    nextCheckAt: at("next_check_at"),
    entityName: text("entity_name"),
    ownerId: text("owner_id"),
    ownerName: text("owner_name"),
    recordUrl: text("record_url"),
    /** Bumped by every refresh, so an evaluation never overwrites a newer refresh. */
    revision: integer("revision").notNull().default(0),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.ruleKey, table.entityId, table.cycleIndex] }),
    index("sla_clocks_next_check").on(table.workspaceId, table.nextCheckAt).where(sql`next_check_at is not null`),
    index("sla_clocks_entity").on(table.workspaceId, table.entityId),
  ],
);

/** An alert, exactly once per (rule, entity, cycle, kind): the unique index is the guarantee. */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    ruleKey: text("rule_key").notNull(),
    ruleName: text("rule_name").notNull(),
    entityKind: text("entity_kind", { enum: ["lead", "deal"] }).notNull(),
    entityId: text("entity_id").notNull(),
    cycleIndex: integer("cycle_index").notNull(),
    kind: text("kind", { enum: ["at_risk", "breached", "escalated"] }).notNull(),
    /** The threshold the clock passed (at-risk point, deadline, escalation time). */
    dueAt: at("due_at").notNull(),
    deadlineAt: at("deadline_at").notNull(),
    entityName: text("entity_name"),
    ownerId: text("owner_id"),
    ownerName: text("owner_name"),
    recordUrl: text("record_url"),
    createdAt: at("created_at").notNull().defaultNow(),
    acknowledgedAt: at("acknowledged_at"),
    acknowledgedBy: text("acknowledged_by"),
  },
  (table) => [
    uniqueIndex("alerts_once").on(table.workspaceId, table.ruleKey, table.entityId, table.cycleIndex, table.kind),
    index("alerts_workspace_created").on(table.workspaceId, table.createdAt),
  ],
);

/** One message to one channel, carrying one alert or an owner's group; every attempt is recorded here. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => alertChannels.id, { onDelete: "cascade" }),
    /** pending | sending | delivered | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Sent to receivers so that a retried message can be recognised. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** Quiet hours: not sent before the calendar opens. */
    notBefore: at("not_before"),
    /** A sender's claim; another sender may take over once it lapses (a killed worker). */
    claimedUntil: at("claimed_until"),
    deliveredAt: at("delivered_at"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("alert_deliveries_idempotency").on(table.workspaceId, table.idempotencyKey),
    index("alert_deliveries_pending").on(table.workspaceId, table.status),
  ],
);

export const alertDeliveryAlerts = pgTable(
  "alert_delivery_alerts",
  {
    workspaceId: workspaceId(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => alertDeliveries.id, { onDelete: "cascade" }),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.deliveryId, table.alertId] }),
    index("alert_delivery_alerts_alert").on(table.alertId),
  ],
);

export const digestSubscribers = pgTable(
  "digest_subscribers",
  {
    workspaceId: workspaceId(),
    email: text("email").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.workspaceId, table.email] })],
);

/** The weekly digest is sent once per (workspace, ISO week): the unique key is the guard. */
export const digestRuns = pgTable(
  "digest_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    week: text("week").notNull(),
    /** sending | sent | failed */
    status: text("status").notNull().default("sending"),
    recipients: jsonb("recipients").$type<string[]>().notNull().default([]),
    lastError: text("last_error"),
    startedAt: at("started_at").notNull().defaultNow(),
    sentAt: at("sent_at"),
  },
  (table) => [uniqueIndex("digest_runs_once").on(table.workspaceId, table.week)],
);
