import type { ActivityInput, DealInput, LeadInput, PropertyChangeInput } from "../model.ts";
import { calendarDate, type ProblemLog } from "../quality/problems.ts";
import type { HubspotObject, HubspotObjectType } from "./api.ts";

/** Settings of a HubSpot connection that change what is read. */
export interface HubspotFieldSettings {
  /** Contact and deal property holding the service line (default `service_line`). */
  serviceLineProperty: string;
  /** Property holding the source (default `hs_analytics_source`). */
  sourceProperty: string;
  /** Optional contact property holding a lead tier. */
  tierProperty?: string | undefined;
}

export const LEAD_STAGE_PROPERTIES = ["lifecyclestage", "hs_lead_status"];
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

export function contactProperties(fields: HubspotFieldSettings): { properties: string[]; history: string[] } {
  const properties = [
    "firstname",
    "lastname",
    "email",
    "createdate",
    "lastmodifieddate",
    "hubspot_owner_id",
    "hs_merged_object_ids",
    fields.sourceProperty,
    fields.serviceLineProperty,
    ...LEAD_STAGE_PROPERTIES,
    ...LIFECYCLE_STAGES.map((stage) => `hs_v2_date_entered_${stage}`),
  ];
  if (fields.tierProperty) properties.push(fields.tierProperty);
  return { properties: [...new Set(properties)], history: [...LEAD_STAGE_PROPERTIES, fields.serviceLineProperty] };
}

export function dealProperties(
  fields: HubspotFieldSettings,
  stageIds: string[],
): { properties: string[]; history: string[] } {
  const properties = [
    "dealname",
    "dealstage",
    "pipeline",
    "amount",
    "closedate",
    "createdate",
    "hs_lastmodifieddate",
    "hubspot_owner_id",
    "hs_merged_object_ids",
    fields.sourceProperty,
    fields.serviceLineProperty,
    ...stageIds.map((stage) => `hs_v2_date_entered_${stage}`),
  ];
  return {
    properties: [...new Set(properties)],
    history: ["dealstage", "amount", "closedate", fields.serviceLineProperty],
  };
}

export const ENGAGEMENT_PROPERTIES: Record<"calls" | "emails" | "meetings", string[]> = {
  calls: ["hs_timestamp", "hubspot_owner_id", "hs_call_direction", "hs_lastmodifieddate"],
  emails: ["hs_timestamp", "hubspot_owner_id", "hs_email_direction", "hs_sequence_id", "hs_lastmodifieddate"],
  meetings: ["hs_timestamp", "hubspot_owner_id", "hs_meeting_start_time", "hs_lastmodifieddate"],
};

function history(
  record: HubspotObject,
  property: string,
  problems: ProblemLog,
  object: "lead" | "deal",
): { value: string; at: Date }[] {
  const entries = record.propertiesWithHistory?.[property] ?? [];
  const out: { value: string; at: Date }[] = [];
  for (const entry of entries) {
    const at = problems.date(object, record.id, `${property} history`, entry.timestamp);
    if (at) out.push({ value: entry.value, at });
  }
  // HubSpot lists history newest first.
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const DATE_ENTERED_PROPERTIES = new Set(["lifecyclestage", "dealstage"]);

/** Stage changes from history; without history, the `hs_v2_date_entered_*` dates (provenance `property`). */
function stageChanges(record: HubspotObject, property: string, problems: ProblemLog, object: "lead" | "deal") {
  const fromHistory = history(record, property, problems, object);
  if (fromHistory.length > 0) {
    return fromHistory.map(
      (entry): PropertyChangeInput => ({ property, value: entry.value, at: entry.at, provenance: "history" }),
    );
  }
  // The hs_v2_date_entered_* dates name lifecycle stages (contacts) or deal stages, never lead statuses.
  if (!DATE_ENTERED_PROPERTIES.has(property)) return [];
  const changes: PropertyChangeInput[] = [];
  for (const [name, value] of Object.entries(record.properties)) {
    if (!name.startsWith("hs_v2_date_entered_") || !value) continue;
    const at = problems.date(object, record.id, name, value);
    if (at) changes.push({ property, value: name.slice("hs_v2_date_entered_".length), at, provenance: "property" });
  }
  return changes;
}

function createdAt(record: HubspotObject, property: string, problems: ProblemLog, object: "lead" | "deal"): Date {
  const fromProperty = problems.date(object, record.id, property, record.properties[property]);
  return fromProperty ?? new Date(record.createdAt);
}

export function contactToLead(record: HubspotObject, fields: HubspotFieldSettings, problems: ProblemLog): LeadInput {
  const p = record.properties;
  const name = [p.firstname, p.lastname].filter(Boolean).join(" ");
  if (!p.email && !name) {
    problems.add({
      crmId: record.id,
      object: "lead",
      kind: "missing_field",
      field: "email",
      value: null,
      message: "contact has neither a name nor an email",
    });
  }
  const changes: PropertyChangeInput[] = [
    ...LEAD_STAGE_PROPERTIES.flatMap((property) => stageChanges(record, property, problems, "lead")),
    ...history(record, fields.serviceLineProperty, problems, "lead").map(
      (entry): PropertyChangeInput => ({
        property: "service_line",
        value: entry.value,
        at: entry.at,
        provenance: "history",
      }),
    ),
  ];
  return {
    crmId: record.id,
    name: problems.text("lead", record.id, "name", name),
    email: problems.text("lead", record.id, "email", p.email),
    ownerCrmId: p.hubspot_owner_id || null,
    serviceLineRaw: problems.text("lead", record.id, fields.serviceLineProperty, p[fields.serviceLineProperty]),
    sourceRaw: problems.text("lead", record.id, fields.sourceProperty, p[fields.sourceProperty]),
    tier: fields.tierProperty ? problems.text("lead", record.id, fields.tierProperty, p[fields.tierProperty]) : null,
    createdAt: createdAt(record, "createdate", problems, "lead"),
    modifiedAt: problems.date("lead", record.id, "lastmodifieddate", p.lastmodifieddate) ?? new Date(record.updatedAt),
    changes,
  };
}

export function hubspotDealToDeal(
  record: HubspotObject,
  fields: HubspotFieldSettings,
  problems: ProblemLog,
): DealInput {
  const p = record.properties;
  const amounts = history(record, "amount", problems, "deal").map(
    (entry): PropertyChangeInput => ({
      property: "amount",
      value: problems.amount("deal", record.id, "amount", entry.value),
      at: entry.at,
      provenance: "history",
    }),
  );
  const closeDates = history(record, "closedate", problems, "deal").map((entry): PropertyChangeInput => {
    const date = entry.value === "" ? null : problems.date("deal", record.id, "closedate", entry.value);
    return { property: "closedate", value: date ? calendarDate(date) : null, at: entry.at, provenance: "history" };
  });
  const leadCrmIds = record.associations?.contacts?.results.map((link) => String(link.id));
  return {
    crmId: record.id,
    name: problems.text("deal", record.id, "dealname", p.dealname),
    pipelineId: p.pipeline || null,
    ownerCrmId: p.hubspot_owner_id || null,
    serviceLineRaw: problems.text("deal", record.id, fields.serviceLineProperty, p[fields.serviceLineProperty]),
    sourceRaw: problems.text("deal", record.id, fields.sourceProperty, p[fields.sourceProperty]),
    createdAt: createdAt(record, "createdate", problems, "deal"),
    modifiedAt:
      problems.date("deal", record.id, "hs_lastmodifieddate", p.hs_lastmodifieddate) ?? new Date(record.updatedAt),
    changes: [...stageChanges(record, "dealstage", problems, "deal"), ...amounts, ...closeDates],
    ...(leadCrmIds ? { leadCrmIds } : {}),
  };
}

const KIND = { calls: "call", emails: "email", meetings: "meeting" } as const;

export function engagementToActivity(
  type: "calls" | "emails" | "meetings",
  record: HubspotObject,
  leadCrmId: string | null,
  problems: ProblemLog,
): ActivityInput | null {
  const p = record.properties;
  const occurredAt =
    problems.date("activity", record.id, "hs_timestamp", p.hs_timestamp) ??
    problems.date("activity", record.id, "createdAt", record.createdAt);
  if (!occurredAt) {
    problems.add({
      crmId: record.id,
      object: "activity",
      kind: "missing_field",
      field: "hs_timestamp",
      value: null,
      message: `${KIND[type]} has no date`,
    });
    return null;
  }
  let direction: ActivityInput["direction"] = null;
  if (type === "calls")
    direction = p.hs_call_direction === "INBOUND" ? "inbound" : p.hs_call_direction === "OUTBOUND" ? "outbound" : null;
  if (type === "emails")
    direction = p.hs_email_direction === "INCOMING_EMAIL" ? "inbound" : p.hs_email_direction ? "outbound" : null;
  return {
    crmId: record.id,
    leadCrmId,
    kind: KIND[type],
    direction,
    // A sequence send is the machine's, not a rep's touch.
    automated: type === "emails" && Boolean(p.hs_sequence_id),
    occurredAt,
    ownerCrmId: p.hubspot_owner_id || null,
  };
}

export const isEngagement = (type: HubspotObjectType): type is "calls" | "emails" | "meetings" =>
  type === "calls" || type === "emails" || type === "meetings";
