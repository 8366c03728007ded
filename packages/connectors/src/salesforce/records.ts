import type { ActivityInput, DealInput, HistoryRow, LeadInput } from "../model.ts";
import { calendarDate, type ProblemLog } from "../quality/problems.ts";
import type { SalesforceRecord } from "./api.ts";

/** Settings of a Salesforce connection that change what is read. */
export interface SalesforceFieldSettings {
  /** Lead and Opportunity field holding the service line (default `Service_Line__c`). */
  serviceLineField: string;
  /** Optional Lead field holding a lead tier. */
  tierField?: string | undefined;
  /** Optional Task checkbox marking automated (cadence) activity, e.g. `Is_Automated__c`. */
  automatedField?: string | undefined;
}

export const USER_FIELDS = ["Id", "Name", "Email", "Department", "SystemModstamp"];
export const LEAD_FIELDS = [
  "Id",
  "Name",
  "Email",
  "Status",
  "LeadSource",
  "OwnerId",
  "ConvertedOpportunityId",
  "CreatedDate",
  "SystemModstamp",
];
export const LEAD_HISTORY_FIELDS = ["Id", "LeadId", "Field", "OldValue", "NewValue", "CreatedDate"];
export const OPPORTUNITY_FIELDS = [
  "Id",
  "Name",
  "StageName",
  "Amount",
  "CloseDate",
  "OwnerId",
  "LeadSource",
  "CreatedDate",
  "SystemModstamp",
];
export const OPPORTUNITY_HISTORY_FIELDS = [
  "Id",
  "OpportunityId",
  "StageName",
  "Amount",
  "CloseDate",
  "Probability",
  "CreatedDate",
];
export const TASK_FIELDS = [
  "Id",
  "WhoId",
  "OwnerId",
  "TaskSubtype",
  "Type",
  "CompletedDateTime",
  "ActivityDate",
  "CreatedDate",
  "SystemModstamp",
];
export const EVENT_FIELDS = [
  "Id",
  "WhoId",
  "OwnerId",
  "StartDateTime",
  "ActivityDateTime",
  "CreatedDate",
  "SystemModstamp",
];

/** Lead ids start with the Lead key prefix; a Task or Event on a Contact is not a lead touch. */
const isLeadId = (id: unknown): id is string => typeof id === "string" && id.startsWith("00Q");
const text = (value: unknown): string | null =>
  value === null || value === undefined || value === "" ? null : String(value);

function required(record: SalesforceRecord, field: string, problems: ProblemLog, object: "lead" | "deal"): Date {
  const at = problems.date(object, record.Id, field, text(record[field]));
  if (!at) throw new Error(`${field} is missing or not a date`);
  return at;
}

export function leadToLead(record: SalesforceRecord, fields: SalesforceFieldSettings, problems: ProblemLog): LeadInput {
  const converted = text(record.ConvertedOpportunityId);
  return {
    crmId: record.Id,
    name: problems.text("lead", record.Id, "Name", text(record.Name)),
    email: problems.text("lead", record.Id, "Email", text(record.Email)),
    ownerCrmId: text(record.OwnerId),
    serviceLineRaw: problems.text("lead", record.Id, fields.serviceLineField, text(record[fields.serviceLineField])),
    sourceRaw: problems.text("lead", record.Id, "LeadSource", text(record.LeadSource)),
    tier: fields.tierField ? problems.text("lead", record.Id, fields.tierField, text(record[fields.tierField])) : null,
    createdAt: required(record, "CreatedDate", problems, "lead"),
    modifiedAt: problems.date("lead", record.Id, "SystemModstamp", text(record.SystemModstamp)),
    // The created-with Status is settled from LeadHistory by the writer (settleLeadStatus).
    changes: [],
    dealCrmIds: converted ? [converted] : [],
  };
}

export function statusChange(record: SalesforceRecord, problems: ProblemLog): HistoryRow | null {
  const at = problems.date("lead", String(record.LeadId), "LeadHistory.CreatedDate", text(record.CreatedDate));
  if (!at) return null;
  return {
    crmId: String(record.LeadId),
    change: {
      property: "Status",
      value: text(record.NewValue),
      at,
      provenance: "history",
      previousValue: text(record.OldValue),
    },
  };
}

export function opportunityToDeal(
  record: SalesforceRecord,
  fields: SalesforceFieldSettings,
  problems: ProblemLog,
): DealInput {
  return {
    crmId: record.Id,
    name: problems.text("deal", record.Id, "Name", text(record.Name)),
    // Salesforce has one list of stages per org (stored under the pipeline id "default").
    pipelineId: null,
    ownerCrmId: text(record.OwnerId),
    serviceLineRaw: problems.text("deal", record.Id, fields.serviceLineField, text(record[fields.serviceLineField])),
    sourceRaw: problems.text("deal", record.Id, "LeadSource", text(record.LeadSource)),
    createdAt: required(record, "CreatedDate", problems, "deal"),
    modifiedAt: problems.date("deal", record.Id, "SystemModstamp", text(record.SystemModstamp)),
    // Stage, amount and close date history come from OpportunityHistory (one row per change, creation included).
    changes: [],
  };
}

/** One OpportunityHistory row: the stage, amount and close date as of that change. */
export function opportunityHistoryChanges(record: SalesforceRecord, problems: ProblemLog): HistoryRow[] {
  const dealId = String(record.OpportunityId);
  const at = problems.date("deal", dealId, "OpportunityHistory.CreatedDate", text(record.CreatedDate));
  if (!at) return [];
  const close = problems.date("deal", dealId, "CloseDate", text(record.CloseDate));
  return [
    { crmId: dealId, change: { property: "StageName", value: text(record.StageName), at, provenance: "history" } },
    {
      crmId: dealId,
      change: {
        property: "amount",
        value: problems.amount("deal", dealId, "Amount", record.Amount as string | number | null),
        at,
        provenance: "history",
      },
    },
    {
      crmId: dealId,
      change: { property: "closedate", value: close ? calendarDate(close) : null, at, provenance: "history" },
    },
  ];
}

export function taskToActivity(
  record: SalesforceRecord,
  fields: SalesforceFieldSettings,
  problems: ProblemLog,
): ActivityInput | null {
  if (!isLeadId(record.WhoId)) return null;
  const subtype = text(record.TaskSubtype) ?? text(record.Type);
  const isCall = subtype === "Call";
  const isEmail = subtype === "Email" || subtype === "ListEmail" || subtype === "Cadence";
  if (!isCall && !isEmail) return null;
  const occurredAt =
    problems.date("activity", record.Id, "CompletedDateTime", text(record.CompletedDateTime)) ??
    problems.date("activity", record.Id, "CreatedDate", text(record.CreatedDate));
  if (!occurredAt) return null;
  const flagged = fields.automatedField ? record[fields.automatedField] === true : false;
  return {
    crmId: record.Id,
    leadCrmId: record.WhoId,
    kind: isCall ? "call" : "email",
    // Logged calls and emails on a Lead are the rep's outbound work.
    direction: "outbound",
    automated: flagged || subtype === "ListEmail" || subtype === "Cadence",
    occurredAt,
    ownerCrmId: text(record.OwnerId),
  };
}

export function eventToActivity(record: SalesforceRecord, problems: ProblemLog): ActivityInput | null {
  if (!isLeadId(record.WhoId)) return null;
  const occurredAt =
    problems.date(
      "activity",
      record.Id,
      "StartDateTime",
      text(record.StartDateTime) ?? text(record.ActivityDateTime),
    ) ?? problems.date("activity", record.Id, "CreatedDate", text(record.CreatedDate));
  if (!occurredAt) return null;
  return {
    crmId: record.Id,
    leadCrmId: record.WhoId,
    kind: "meeting",
    direction: null,
    automated: false,
    occurredAt,
    ownerCrmId: text(record.OwnerId),
  };
}
