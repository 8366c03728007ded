import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { connections } from "./connections.ts";

const workspaceId = () => text("workspace_id").notNull();
const connectionId = () =>
  uuid("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** CRM users who own records (HubSpot owners, Salesforce Users). */
export const owners = pgTable(
  "owners",
  {
    workspaceId: workspaceId(),
    connectionId: connectionId(),
    crmId: text("crm_id").notNull(),
    name: text("name"),
    email: text("email"),
    team: text("team"),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.crmId] })],
);

/** A lead: HubSpot contact or Salesforce Lead, CRM-neutral. Raw values are kept; mapping happens in core. */
export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    connectionId: connectionId(),
    crm: text("crm", { enum: ["hubspot", "salesforce"] }).notNull(),
    crmId: text("crm_id").notNull(),
    name: text("name"),
    email: text("email"),
    ownerCrmId: text("owner_crm_id"),
    serviceLineRaw: text("service_line_raw"),
    sourceRaw: text("source_raw"),
    tier: text("tier"),
    createdAtCrm: at("created_at_crm").notNull(),
    modifiedAtCrm: at("modified_at_crm"),
    deletedAt: at("deleted_at"),
    /** Set when the CRM merged this record into another (HubSpot merges). */
    mergedIntoCrmId: text("merged_into_crm_id"),
    syncedAt: at("synced_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("leads_connection_crm_id").on(table.connectionId, table.crmId),
    index("leads_workspace_idx").on(table.workspaceId),
  ],
);

/** A deal: HubSpot deal or Salesforce Opportunity. */
export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    connectionId: connectionId(),
    crm: text("crm", { enum: ["hubspot", "salesforce"] }).notNull(),
    crmId: text("crm_id").notNull(),
    name: text("name"),
    pipelineId: text("pipeline_id"),
    ownerCrmId: text("owner_crm_id"),
    serviceLineRaw: text("service_line_raw"),
    sourceRaw: text("source_raw"),
    createdAtCrm: at("created_at_crm").notNull(),
    modifiedAtCrm: at("modified_at_crm"),
    deletedAt: at("deleted_at"),
    mergedIntoCrmId: text("merged_into_crm_id"),
    syncedAt: at("synced_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("deals_connection_crm_id").on(table.connectionId, table.crmId),
    index("deals_workspace_idx").on(table.workspaceId),
  ],
);

/** Lead → deal links (HubSpot contact–deal association, Salesforce ConvertedOpportunityId). */
export const leadDeals = pgTable(
  "lead_deals",
  {
    workspaceId: workspaceId(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.leadId, table.dealId] }), index("lead_deals_deal_idx").on(table.dealId)],
);

/**
 * Every history entry of a tracked property (stage properties, amount, close date, service line),
 * with its provenance. The unique key makes re-syncing idempotent.
 */
export const propertyChanges = pgTable(
  "property_changes",
  {
    workspaceId: workspaceId(),
    entityKind: text("entity_kind", { enum: ["lead", "deal"] }).notNull(),
    entityId: uuid("entity_id").notNull(),
    property: text("property").notNull(),
    value: text("value"),
    changedAt: at("changed_at").notNull(),
    provenance: text("provenance", { enum: ["history", "property", "observed"] }).notNull(),
    /** The value before this change when the CRM says it (Salesforce field history OldValue). */
    previousValue: text("previous_value"),
  },
  (table) => [
    uniqueIndex("property_changes_identity").on(
      table.entityId,
      table.property,
      table.changedAt,
      sql`coalesce(${table.value}, '')`,
    ),
    index("property_changes_workspace_idx").on(table.workspaceId),
  ],
);

/** Calls, emails and meetings on a lead: first-touch candidates. */
export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: workspaceId(),
    connectionId: connectionId(),
    crmId: text("crm_id").notNull(),
    // No foreign key (ADR 0008): the sync sets it from its own lookup of the connection's lead in the
    // same transaction, leads are never hard-deleted but with their connection, whose cascade removes
    // the activities too; the key's checks and row locks were a fifth of the sync's activity writes.
    leadId: uuid("lead_id"),
    /** The lead's CRM id as the activity states it; `lead_id` is resolved once the lead is synced. */
    leadCrmId: text("lead_crm_id"),
    kind: text("kind", { enum: ["call", "email", "meeting"] }).notNull(),
    direction: text("direction", { enum: ["outbound", "inbound"] }),
    /** A sequence/workflow email rather than a rep's own action: never a first touch. */
    automated: boolean("automated").notNull().default(false),
    occurredAt: at("occurred_at").notNull(),
    ownerCrmId: text("owner_crm_id"),
    deletedAt: at("deleted_at"),
  },
  (table) => [
    uniqueIndex("activities_connection_crm_id").on(table.connectionId, table.crmId),
    index("activities_lead_idx").on(table.leadId, table.occurredAt),
    // Activities waiting for their lead: each page of leads links its own.
    index("activities_unlinked_lead_idx").on(table.connectionId, table.leadCrmId).where(sql`${table.leadId} is null`),
  ],
);

/** Deal pipeline stages with the CRM's probability (weighted pipeline). */
export const pipelineStages = pgTable(
  "pipeline_stages",
  {
    workspaceId: workspaceId(),
    connectionId: connectionId(),
    pipelineId: text("pipeline_id").notNull(),
    stageId: text("stage_id").notNull(),
    label: text("label").notNull(),
    probability: doublePrecision("probability"),
    isClosed: boolean("is_closed").notNull().default(false),
    displayOrder: integer("display_order").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.pipelineId, table.stageId] })],
);
