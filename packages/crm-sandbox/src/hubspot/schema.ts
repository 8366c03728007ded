import { DEAL_STAGES, SERVICE_LINES, SOURCES } from "../generator/catalog.ts";
import type { HubspotType } from "./model.ts";

// Property definitions served by GET /crm/v3/properties/{type}; search uses their types to compare values.
type PropertyType = "string" | "number" | "datetime" | "date" | "enumeration" | "bool";
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  options?: { label: string; value: string }[];
  hubspotDefined?: boolean;
}

const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
];
const LEAD_STATUSES = [
  "NEW",
  "OPEN",
  "IN_PROGRESS",
  "OPEN_DEAL",
  "UNQUALIFIED",
  "ATTEMPTED_TO_CONTACT",
  "CONNECTED",
  "BAD_TIMING",
];

const FIELD_TYPE: Record<PropertyType, string> = {
  string: "text",
  number: "number",
  datetime: "date",
  date: "date",
  enumeration: "select",
  bool: "booleancheckbox",
};

const p = (
  name: string,
  label: string,
  type: PropertyType,
  values?: readonly string[],
  custom = false,
): PropertyDefinition => ({
  name,
  label,
  type,
  fieldType: FIELD_TYPE[type],
  ...(values ? { options: values.map((value) => ({ label: value, value })) } : {}),
  hubspotDefined: !custom,
});

const common = [
  p("hs_object_id", "Record ID", "number"),
  p("hubspot_owner_id", "Owner", "enumeration"),
  p("hs_merged_object_ids", "Merged record IDs", "enumeration"),
];
const engagement = [
  ...common,
  p("hs_createdate", "Create date", "datetime"),
  p("hs_lastmodifieddate", "Last modified date", "datetime"),
  p("hs_timestamp", "Activity date", "datetime"),
];
const serviceLine = p(
  "service_line",
  "Service line",
  "enumeration",
  SERVICE_LINES.map((s) => s.key),
  true,
);
const source = p(
  "hs_analytics_source",
  "Original Source",
  "enumeration",
  SOURCES.map((s) => s.hubspot),
);

const PROPERTY_SCHEMA: Record<HubspotType, PropertyDefinition[]> = {
  contacts: [
    ...common,
    p("createdate", "Create Date", "datetime"),
    p("lastmodifieddate", "Last Modified Date", "datetime"),
    p("email", "Email", "string"),
    p("firstname", "First Name", "string"),
    p("lastname", "Last Name", "string"),
    p("company", "Company Name", "string"),
    p("lifecyclestage", "Lifecycle Stage", "enumeration", LIFECYCLE_STAGES),
    p("hs_lead_status", "Lead Status", "enumeration", LEAD_STATUSES),
    source,
    serviceLine,
    ...LIFECYCLE_STAGES.map((s) => p(`hs_v2_date_entered_${s}`, `Date entered "${s}"`, "datetime")),
  ],
  deals: [
    ...common,
    p("createdate", "Create Date", "datetime"),
    p("hs_lastmodifieddate", "Last Modified Date", "datetime"),
    p("dealname", "Deal Name", "string"),
    p("amount", "Amount", "number"),
    p("closedate", "Close Date", "datetime"),
    p(
      "dealstage",
      "Deal Stage",
      "enumeration",
      DEAL_STAGES.map((s) => s.hubspot),
    ),
    p("pipeline", "Pipeline", "enumeration", ["default"]),
    p("hs_is_closed", "Is Deal Closed?", "bool", ["true", "false"]),
    p("hs_is_closed_won", "Is Closed Won", "bool", ["true", "false"]),
    p("hs_deal_stage_probability", "Deal probability", "number"),
    source,
    serviceLine,
    ...DEAL_STAGES.map((s) =>
      p(`hs_v2_date_entered_${s.hubspot}`, `Date entered "${s.label} (Sales Pipeline)"`, "datetime"),
    ),
  ],
  calls: [
    ...engagement,
    p("hs_call_title", "Call Title", "string"),
    p("hs_call_direction", "Call direction", "enumeration", ["INBOUND", "OUTBOUND"]),
    p("hs_call_status", "Call status", "enumeration", ["COMPLETED", "NO_ANSWER", "BUSY"]),
    p("hs_call_duration", "Call duration", "number"),
  ],
  emails: [
    ...engagement,
    p("hs_email_subject", "Email subject", "string"),
    p("hs_email_direction", "Email direction", "enumeration", ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"]),
    p("hs_email_status", "Email send status", "enumeration", ["SENT", "BOUNCED", "FAILED", "SCHEDULED"]),
    p("hs_sequence_id", "Sequence ID", "number"),
  ],
  meetings: [
    ...engagement,
    p("hs_meeting_title", "Meeting name", "string"),
    p("hs_meeting_start_time", "Start Time", "datetime"),
    p("hs_meeting_end_time", "End Time", "datetime"),
    p("hs_meeting_outcome", "Meeting outcome", "enumeration", ["SCHEDULED", "COMPLETED", "NO_SHOW", "CANCELED"]),
  ],
};

/** Property schema of a sandbox, extended with any property a fixture carries. */
export type PropertySchema = Record<HubspotType, Map<string, PropertyDefinition>>;

export function defaultPropertySchema(): PropertySchema {
  const schema = {} as PropertySchema;
  for (const [type, defs] of Object.entries(PROPERTY_SCHEMA) as [HubspotType, PropertyDefinition[]][]) {
    schema[type] = new Map(defs.map((d) => [d.name, d]));
  }
  return schema;
}
