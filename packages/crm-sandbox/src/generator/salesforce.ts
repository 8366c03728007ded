import {
  indexOfSalesforceId,
  KEY_PREFIX,
  type SObjectName,
  salesforceId,
  sfDate,
  sfDateTime,
} from "../salesforce/schema.ts";
import type { Source } from "../store.ts";
import { DAY } from "./calendar.ts";
import { DEAL_STAGES } from "./catalog.ts";
import {
  activityRecord,
  dealState,
  id,
  leadRecord,
  opportunityRecord,
  type SalesforceRecord,
  statusChanges,
  userId,
  userRecord,
} from "./salesforce-records.ts";
import type { ActivityStory, DealStory, LeadStory, Story } from "./story.ts";

// The story written as Salesforce records: Leads with LeadHistory, Opportunities with OpportunityHistory, Tasks, Events, Users.
export type { SalesforceRecord } from "./salesforce-records.ts";

function source(
  object: SObjectName,
  size: number,
  createdAt: (i: number) => number,
  render: (i: number, asOf: number) => SalesforceRecord,
  deletedAt?: (i: number) => number,
  offset = 0,
): Source<SalesforceRecord> {
  const prefix = KEY_PREFIX[object];
  return {
    size: () => size,
    createdAt,
    idAt: (i) => salesforceId(prefix, i + offset),
    indexOf: (recordId) => {
      const n = indexOfSalesforceId(prefix, recordId) - offset;
      return n >= 0 && n < size ? n : -1;
    },
    render,
    // Base-62 ids in ASCII order: ids ascend with n.
    idOrdered: true,
    ...(deletedAt ? { deletedAt } : {}),
  };
}

export function salesforceSources(
  story: Story,
  serviceLineField: string,
): Record<SObjectName, Source<SalesforceRecord>> {
  const leadHistory: { at: number; lead: number; from: string; to: string }[] = [];
  for (const lead of story.leads)
    for (const change of statusChanges(lead)) leadHistory.push({ ...change, lead: lead.index });
  leadHistory.sort((a, b) => a.at - b.at);
  const oppHistory: { at: number; deal: number }[] = [];
  for (const deal of story.deals) {
    const times = new Set([...deal.steps, ...deal.amounts, ...deal.closeDates].map((e) => e.at));
    for (const at of times) oppHistory.push({ at, deal: deal.index });
  }
  oppHistory.sort((a, b) => a.at - b.at);
  const tasks = story.tasks.filter((t) => t.kind !== "incoming_email");
  const leadDeletedAt = (lead: number) => story.leads[lead]?.deletedAt ?? 0;
  const leadDeleted = (lead: number, asOf: number) => {
    const d = leadDeletedAt(lead);
    return d > 0 && d <= asOf;
  };
  return {
    Lead: source(
      "Lead",
      story.leads.length,
      (i) => story.leads[i]?.handoffAt ?? 0,
      (i, asOf) => leadRecord(story.leads[i] as LeadStory, asOf, serviceLineField),
      leadDeletedAt,
    ),
    LeadHistory: source(
      "LeadHistory",
      leadHistory.length,
      (i) => leadHistory[i]?.at ?? 0,
      (i, asOf) => {
        const row = leadHistory[i] ?? { at: 0, lead: 0, from: "", to: "" };
        return {
          Id: id("LeadHistory", i),
          IsDeleted: leadDeleted(row.lead, asOf),
          LeadId: id("Lead", row.lead),
          CreatedById: userId(story.leads[row.lead]?.owner ?? 0),
          CreatedDate: sfDateTime(row.at),
          Field: "Status",
          DataType: "DynamicEnum",
          OldValue: row.from,
          NewValue: row.to,
        };
      },
      (i) => leadDeletedAt(leadHistory[i]?.lead ?? -1),
    ),
    Opportunity: source(
      "Opportunity",
      story.deals.length,
      (i) => story.deals[i]?.createdAt ?? 0,
      (i, asOf) => opportunityRecord(story.deals[i] as DealStory, asOf, serviceLineField),
      (i) => story.deals[i]?.deletedAt ?? 0,
    ),
    OpportunityHistory: source(
      "OpportunityHistory",
      oppHistory.length,
      (i) => oppHistory[i]?.at ?? 0,
      (i, asOf) => {
        const row = oppHistory[i] ?? { at: 0, deal: 0 };
        const deal = story.deals[row.deal] as DealStory;
        const state = dealState(deal, row.at);
        const stage = DEAL_STAGES[state.step] ?? DEAL_STAGES[0];
        return {
          Id: id("OpportunityHistory", i),
          OpportunityId: id("Opportunity", row.deal),
          CreatedById: userId(deal.owner),
          CreatedDate: sfDateTime(row.at),
          StageName: stage.salesforce,
          Amount: state.amount,
          ExpectedRevenue: (state.amount * stage.sfProbability) / 100,
          CloseDate: sfDate(state.closeDate),
          Probability: stage.sfProbability,
          ForecastCategory: state.step === 5 ? "Closed" : state.step === 6 ? "Omitted" : "Pipeline",
          SystemModstamp: sfDateTime(row.at),
          IsDeleted: deal.deletedAt > 0 && deal.deletedAt <= asOf,
        };
      },
      (i) => story.deals[oppHistory[i]?.deal ?? -1]?.deletedAt ?? 0,
    ),
    Task: source(
      "Task",
      tasks.length,
      (i) => tasks[i]?.at ?? 0,
      (i, asOf) => activityRecord(story, tasks[i] as ActivityStory, "Task", i, asOf),
      (i) => leadDeletedAt(tasks[i]?.lead ?? -1),
    ),
    Event: source(
      "Event",
      story.meetings.length,
      (i) => (story.meetings[i]?.at ?? 0) - 2 * DAY,
      (i, asOf) => activityRecord(story, story.meetings[i] as ActivityStory, "Event", i, asOf),
      (i) => leadDeletedAt(story.meetings[i]?.lead ?? -1),
    ),
    User: source(
      "User",
      story.owners.length + 1,
      () => story.start - 365 * DAY,
      (i) => userRecord(story, i),
    ),
  };
}
