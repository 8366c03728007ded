import { KEY_PREFIX, type SObjectName, salesforceId, sfDate, sfDateTime } from "../salesforce/schema.ts";
import { DAY } from "./calendar.ts";
import { companyName, DEAL_STAGES, personName, SERVICE_LINES, SOURCES } from "./catalog.ts";
import type { ActivityStory, DealStory, LeadStory, Story } from "./story.ts";

// Salesforce records of the story, rendered as of a moment.
export type SalesforceRecord = Record<string, unknown> & { Id: string };

const STATUS: Record<string, string> = {
  mql: "Open - Not Contacted",
  sal: "Working - Contacted",
  sql: "Closed - Converted",
  recycled: "Closed - Not Converted",
};
export const id = (object: SObjectName, n: number) => salesforceId(KEY_PREFIX[object], n);
export const userId = (owner: number) => id("User", owner + 1);
const INTEGRATION_USER = salesforceId(KEY_PREFIX.User, 0);

/** Status changes of a lead after its creation: [time, old, new]. */
export function statusChanges(lead: LeadStory): { at: number; from: string; to: string }[] {
  const changes: { at: number; from: string; to: string }[] = [];
  let current = "";
  for (const event of lead.events) {
    const status = STATUS[event.stage];
    if (!status || status === current) continue;
    if (current) changes.push({ at: event.at, from: current, to: status });
    current = status;
  }
  return changes;
}

export function leadRecord(lead: LeadStory, asOf: number, serviceLineField: string): SalesforceRecord {
  const { firstName, lastName } = personName(lead.index);
  const company = companyName(lead.index);
  let status = STATUS.mql;
  let modified = lead.handoffAt;
  for (const change of statusChanges(lead)) {
    if (change.at > asOf) break;
    status = change.to;
    modified = change.at;
  }
  const converted = status === STATUS.sql && lead.deal >= 0;
  const deleted = lead.deletedAt > 0 && lead.deletedAt <= asOf;
  if (deleted) modified = lead.deletedAt;
  const owner = userId(lead.owner);
  return {
    Id: id("Lead", lead.index),
    IsDeleted: deleted,
    MasterRecordId: null,
    FirstName: firstName,
    LastName: lastName,
    Name: `${firstName} ${lastName}`,
    Company: company,
    Email: `${firstName}.${lastName}.${lead.index}@${company.split(" ")[0]?.toLowerCase()}.example`.toLowerCase(),
    Title: "Head of Operations",
    Status: status,
    LeadSource: SOURCES[lead.source]?.salesforce ?? "Other",
    OwnerId: owner,
    IsConverted: converted,
    ConvertedDate: converted ? sfDate(modified) : null,
    ConvertedOpportunityId: converted ? id("Opportunity", lead.deal) : null,
    ConvertedAccountId: null,
    ConvertedContactId: null,
    CreatedDate: sfDateTime(lead.handoffAt),
    CreatedById: INTEGRATION_USER,
    LastModifiedDate: sfDateTime(modified),
    LastModifiedById: owner,
    SystemModstamp: sfDateTime(modified),
    [serviceLineField]: SERVICE_LINES[lead.serviceLine]?.salesforce ?? null,
  };
}

interface DealState {
  step: number;
  amount: number;
  closeDate: number;
  modified: number;
}

export function dealState(deal: DealStory, asOf: number): DealState {
  const state: DealState = { step: 0, amount: 0, closeDate: 0, modified: deal.createdAt };
  for (const s of deal.steps)
    if (s.at <= asOf) Object.assign(state, { step: s.value, modified: Math.max(state.modified, s.at) });
  for (const a of deal.amounts)
    if (a.at <= asOf) Object.assign(state, { amount: a.value, modified: Math.max(state.modified, a.at) });
  for (const c of deal.closeDates)
    if (c.at <= asOf) Object.assign(state, { closeDate: c.value, modified: Math.max(state.modified, c.at) });
  return state;
}

export function opportunityRecord(deal: DealStory, asOf: number, serviceLineField: string): SalesforceRecord {
  const state = dealState(deal, asOf);
  const stage = DEAL_STAGES[state.step] ?? DEAL_STAGES[0];
  const deleted = deal.deletedAt > 0 && deal.deletedAt <= asOf;
  const modified = deleted ? deal.deletedAt : state.modified;
  const line = SERVICE_LINES[deal.serviceLine] ?? SERVICE_LINES[0];
  return {
    Id: id("Opportunity", deal.index),
    IsDeleted: deleted,
    AccountId: null,
    Name: `${companyName(deal.lead)} – ${line.salesforce}`,
    StageName: stage.salesforce,
    Amount: state.amount,
    Probability: stage.sfProbability,
    CloseDate: sfDate(state.closeDate),
    Type: "New Business",
    LeadSource: SOURCES[deal.source]?.salesforce ?? "Other",
    IsClosed: state.step >= 5,
    IsWon: state.step === 5,
    ForecastCategoryName: state.step === 5 ? "Closed" : state.step === 6 ? "Omitted" : "Pipeline",
    OwnerId: userId(deal.owner),
    CreatedDate: sfDateTime(deal.createdAt),
    CreatedById: userId(deal.owner),
    LastModifiedDate: sfDateTime(modified),
    LastModifiedById: userId(deal.owner),
    SystemModstamp: sfDateTime(modified),
    [serviceLineField]: line.salesforce,
  };
}

export function activityRecord(
  story: Story,
  activity: ActivityStory,
  object: "Task" | "Event",
  n: number,
  asOf: number,
): SalesforceRecord {
  const lead = story.leads[activity.lead];
  const deleted = lead !== undefined && lead.deletedAt > 0 && lead.deletedAt <= asOf;
  const createdAt = object === "Event" ? activity.at - 2 * DAY : activity.at;
  const common = {
    Id: id(object, n),
    WhoId: id("Lead", activity.lead),
    WhatId: activity.deal >= 0 ? id("Opportunity", activity.deal) : null,
    OwnerId: userId(activity.owner),
    ActivityDate: sfDate(activity.at),
    IsDeleted: deleted,
    CreatedDate: sfDateTime(createdAt),
    CreatedById: activity.kind === "sequence_email" ? INTEGRATION_USER : userId(activity.owner),
    LastModifiedDate: sfDateTime(deleted ? (lead?.deletedAt ?? createdAt) : createdAt),
    LastModifiedById: userId(activity.owner),
    SystemModstamp: sfDateTime(deleted ? (lead?.deletedAt ?? createdAt) : createdAt),
  };
  const who = personName(activity.lead);
  if (object === "Event") {
    return {
      ...common,
      Subject: `Discovery meeting with ${who.firstName} ${who.lastName}`,
      ActivityDateTime: sfDateTime(activity.at),
      StartDateTime: sfDateTime(activity.at),
      EndDateTime: sfDateTime(activity.at + 45 * 60_000),
      DurationInMinutes: 45,
      Type: "Meeting",
      EventSubtype: "Event",
    };
  }
  const isCall = activity.kind === "call";
  return {
    ...common,
    Subject: isCall ? `Call ${who.firstName} ${who.lastName}` : `Email: Hello ${who.firstName}`,
    Status: "Completed",
    Priority: "Normal",
    Type: isCall ? "Call" : "Email",
    TaskSubtype: isCall ? "Call" : "Email",
    CompletedDateTime: sfDateTime(activity.at),
    IsClosed: true,
    // Cadence (sequence) sends are logged by the integration user and flagged as automated.
    Is_Automated__c: activity.kind === "sequence_email",
  };
}

export function userRecord(story: Story, i: number): SalesforceRecord {
  const owner = story.owners[i - 1];
  const created = sfDateTime(story.start - 365 * DAY);
  const base = {
    Id: salesforceId(KEY_PREFIX.User, i),
    IsActive: true,
    CreatedDate: created,
    CreatedById: INTEGRATION_USER,
    LastModifiedDate: created,
    LastModifiedById: INTEGRATION_USER,
    SystemModstamp: created,
  };
  if (!owner) {
    return {
      ...base,
      Username: "integration@sandbox-services.example",
      FirstName: "Integration",
      LastName: "User",
      Name: "Integration User",
      Email: "integration@sandbox-services.example",
      Title: null,
      Department: null,
    };
  }
  const line = SERVICE_LINES[owner.serviceLine] ?? SERVICE_LINES[0];
  return {
    ...base,
    Username: owner.email,
    FirstName: owner.firstName,
    LastName: owner.lastName,
    Name: `${owner.firstName} ${owner.lastName}`,
    Email: owner.email,
    Title: "Account Executive",
    Department: `${line.salesforce} Sales`,
  };
}
