import { DEAL_STAGES, SERVICE_LINES, SOURCES } from "../generator/catalog.ts";

// Fields of the standard objects the sandbox serves (what describe returns and SOQL may name).
export type FieldType =
  | "id"
  | "string"
  | "picklist"
  | "reference"
  | "datetime"
  | "date"
  | "boolean"
  | "currency"
  | "double"
  | "percent"
  | "int"
  | "email";
export interface FieldDefinition {
  name: string;
  type: FieldType;
  custom: boolean;
  referenceTo?: string[];
  picklistValues?: string[];
}
export const SOBJECTS = ["Lead", "LeadHistory", "Opportunity", "OpportunityHistory", "Task", "Event", "User"] as const;
export type SObjectName = (typeof SOBJECTS)[number];
export const KEY_PREFIX: Record<SObjectName, string> = {
  Lead: "00Q",
  LeadHistory: "017",
  Opportunity: "006",
  OpportunityHistory: "008",
  Task: "00T",
  Event: "00U",
  User: "005",
};

const LEAD_STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"];
const f = (name: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type,
  custom: name.endsWith("__c"),
  ...extra,
});
const ref = (name: string, ...to: string[]) => f(name, "reference", { referenceTo: to });
const audit = [
  f("CreatedDate", "datetime"),
  ref("CreatedById", "User"),
  f("LastModifiedDate", "datetime"),
  ref("LastModifiedById", "User"),
  f("SystemModstamp", "datetime"),
];
const sources = SOURCES.map((s) => s.salesforce);
const stages = DEAL_STAGES.map((s) => s.salesforce);

export function salesforceSchema(serviceLineField: string): Record<SObjectName, FieldDefinition[]> {
  const serviceLine = f(serviceLineField, "picklist", {
    custom: true,
    picklistValues: SERVICE_LINES.map((s) => s.salesforce),
  });
  return {
    Lead: [
      f("Id", "id"),
      f("IsDeleted", "boolean"),
      ref("MasterRecordId", "Lead"),
      f("FirstName", "string"),
      f("LastName", "string"),
      f("Name", "string"),
      f("Company", "string"),
      f("Email", "email"),
      f("Title", "string"),
      f("Status", "picklist", { picklistValues: LEAD_STATUSES }),
      f("LeadSource", "picklist", { picklistValues: sources }),
      ref("OwnerId", "User"),
      f("IsConverted", "boolean"),
      f("ConvertedDate", "date"),
      ref("ConvertedOpportunityId", "Opportunity"),
      ref("ConvertedAccountId", "Account"),
      ref("ConvertedContactId", "Contact"),
      ...audit,
      serviceLine,
    ],
    LeadHistory: [
      f("Id", "id"),
      f("IsDeleted", "boolean"),
      ref("LeadId", "Lead"),
      ref("CreatedById", "User"),
      f("CreatedDate", "datetime"),
      f("Field", "picklist"),
      f("DataType", "picklist"),
      f("OldValue", "string"),
      f("NewValue", "string"),
    ],
    Opportunity: [
      f("Id", "id"),
      f("IsDeleted", "boolean"),
      ref("AccountId", "Account"),
      f("Name", "string"),
      f("StageName", "picklist", { picklistValues: stages }),
      f("Amount", "currency"),
      f("Probability", "percent"),
      f("CloseDate", "date"),
      f("Type", "picklist"),
      f("LeadSource", "picklist", { picklistValues: sources }),
      f("IsClosed", "boolean"),
      f("IsWon", "boolean"),
      f("ForecastCategoryName", "picklist"),
      ref("OwnerId", "User"),
      ...audit,
      serviceLine,
    ],
    OpportunityHistory: [
      f("Id", "id"),
      ref("OpportunityId", "Opportunity"),
      ref("CreatedById", "User"),
      f("CreatedDate", "datetime"),
      f("StageName", "picklist", { picklistValues: stages }),
      f("Amount", "currency"),
      f("ExpectedRevenue", "currency"),
      f("CloseDate", "date"),
      f("Probability", "percent"),
      f("ForecastCategory", "picklist"),
      f("SystemModstamp", "datetime"),
      f("IsDeleted", "boolean"),
    ],
    Task: [
      f("Id", "id"),
      ref("WhoId", "Lead", "Contact"),
      ref("WhatId", "Opportunity", "Account"),
      f("Subject", "string"),
      f("ActivityDate", "date"),
      f("Status", "picklist"),
      f("Priority", "picklist"),
      ref("OwnerId", "User"),
      f("Type", "picklist"),
      f("TaskSubtype", "picklist", { picklistValues: ["Task", "Email", "Call", "ListEmail", "Cadence"] }),
      f("CompletedDateTime", "datetime"),
      f("IsDeleted", "boolean"),
      f("IsClosed", "boolean"),
      ...audit,
      f("Is_Automated__c", "boolean"),
    ],
    Event: [
      f("Id", "id"),
      ref("WhoId", "Lead", "Contact"),
      ref("WhatId", "Opportunity", "Account"),
      f("Subject", "string"),
      f("ActivityDate", "date"),
      f("ActivityDateTime", "datetime"),
      f("StartDateTime", "datetime"),
      f("EndDateTime", "datetime"),
      f("DurationInMinutes", "int"),
      f("Type", "picklist"),
      f("EventSubtype", "picklist"),
      ref("OwnerId", "User"),
      f("IsDeleted", "boolean"),
      ...audit,
    ],
    User: [
      f("Id", "id"),
      f("Username", "string"),
      f("FirstName", "string"),
      f("LastName", "string"),
      f("Name", "string"),
      f("Email", "email"),
      f("IsActive", "boolean"),
      f("Title", "string"),
      f("Department", "string"),
      ...audit,
    ],
  };
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** An 18-character Salesforce id (with the real case-safe suffix) for record `n` of a key prefix. */
export function salesforceId(prefix: string, n: number): string {
  let body = "";
  let rest = n;
  for (let i = 0; i < 9; i++) {
    body = BASE62[rest % 62] + body;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${prefix}5g0${body}`;
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i] ?? "0";
      if (c >= "A" && c <= "Z") bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return id15 + suffix;
}

export function indexOfSalesforceId(prefix: string, id: string): number {
  if (!id.startsWith(`${prefix}5g0`) || (id.length !== 15 && id.length !== 18)) return -1;
  let n = 0;
  for (const c of id.slice(6, 15)) {
    const digit = BASE62.indexOf(c);
    if (digit < 0) return -1;
    n = n * 62 + digit;
  }
  return salesforceId(prefix, n).startsWith(id) ? n : -1;
}

/** Salesforce's JSON datetime format: 2026-08-01T14:03:00.000+0000. */
export const sfDateTime = (ms: number): string => new Date(ms).toISOString().replace("Z", "+0000");
export const sfDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const ORG_ID = "00D5g000004SandB";
