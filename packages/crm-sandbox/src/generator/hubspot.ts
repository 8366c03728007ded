import { type HistoryEntry, type HubspotRecord, type HubspotType, iso } from "../hubspot/model.ts";
import type { Source } from "../store.ts";
import { companyName, DEAL_STAGES, personName, SERVICE_LINES, SOURCES } from "./catalog.ts";
import type { ActivityStory, DealStory, LeadStory, Story } from "./story.ts";

// The story written as HubSpot records: contacts, deals and engagements with property history.
export const HUBSPOT_ID_BASE: Record<HubspotType, number> = {
  contacts: 1_000_001,
  deals: 30_000_001,
  calls: 50_000_001,
  emails: 70_000_001,
  meetings: 90_000_001,
};
export const OWNER_ID_BASE = 70_100_001;
export const PORTAL_ID = 24_681_357;
const SEQUENCE_ID_BASE = 5001;

type Builder = { record: HubspotRecord; lastChange: number };

function builder(id: string, createdAt: number): Builder {
  return {
    record: { id, createdAt, updatedAt: createdAt, archivedAt: null, properties: {}, history: {} },
    lastChange: createdAt,
  };
}

/** Records a property value set at `at`; history is kept newest first, as HubSpot returns it. */
function set(b: Builder, name: string, value: string, at: number, sourceType = "CRM_UI"): void {
  const entries = b.record.history[name] ?? [];
  entries.unshift({ value, timestamp: iso(at), sourceType } satisfies HistoryEntry);
  b.record.history[name] = entries;
  b.record.properties[name] = value;
  if (at > b.lastChange) b.lastChange = at;
}

function finish(b: Builder, type: HubspotType, deletedAt: number, asOf: number): HubspotRecord {
  const r = b.record;
  r.updatedAt = b.lastChange;
  r.properties.hs_object_id = r.id;
  if (type === "contacts") {
    r.properties.createdate = iso(r.createdAt);
    r.properties.lastmodifieddate = iso(b.lastChange);
  } else {
    r.properties[type === "deals" ? "createdate" : "hs_createdate"] = iso(r.createdAt);
    r.properties.hs_lastmodifieddate = iso(b.lastChange);
  }
  if (deletedAt && deletedAt <= asOf) {
    r.archivedAt = deletedAt;
    r.updatedAt = deletedAt;
  }
  return r;
}

const LIFECYCLE: Record<string, string> = {
  lead: "lead",
  mql: "marketingqualifiedlead",
  sql: "salesqualifiedlead",
  opportunity: "opportunity",
};

export function renderContact(lead: LeadStory, asOf: number): HubspotRecord {
  const b = builder(String(HUBSPOT_ID_BASE.contacts + lead.index), lead.createdAt);
  const { firstName, lastName } = personName(lead.index);
  const company = companyName(lead.index);
  Object.assign(b.record.properties, {
    firstname: firstName,
    lastname: lastName,
    email: `${firstName}.${lastName}.${lead.index}@${company.split(" ")[0]?.toLowerCase()}.example`.toLowerCase(),
    company,
  });
  set(b, "hubspot_owner_id", String(OWNER_ID_BASE + lead.owner), lead.createdAt);
  set(b, "hs_analytics_source", SOURCES[lead.source]?.hubspot ?? "OTHER_CAMPAIGNS", lead.createdAt, "ANALYTICS");
  set(b, "service_line", SERVICE_LINES[lead.serviceLine]?.key ?? "advisory", lead.createdAt);
  const entered: Record<string, number> = {};
  for (const event of lead.events) {
    if (event.at > asOf) break;
    const lifecycle = LIFECYCLE[event.stage];
    if (lifecycle) {
      // Re-qualifying needs the stage cleared first: HubSpot records no change for an unchanged value.
      if (lifecycle === b.record.properties.lifecyclestage) set(b, "lifecyclestage", "", event.at - 1000);
      set(b, "lifecyclestage", lifecycle, event.at, event.stage === "opportunity" ? "DEALS" : "CRM_UI");
      entered[lifecycle] = event.at;
    }
    if (event.stage === "mql") set(b, "hs_lead_status", "NEW", event.at);
    if (event.stage === "sal")
      set(
        b,
        "hs_lead_status",
        ["ATTEMPTED_TO_CONTACT", "CONNECTED", "IN_PROGRESS"][lead.index % 3] ?? "IN_PROGRESS",
        event.at,
      );
    if (event.stage === "recycled")
      set(b, "hs_lead_status", lead.index % 4 === 0 ? "BAD_TIMING" : "UNQUALIFIED", event.at);
  }
  for (const [stage, at] of Object.entries(entered)) b.record.properties[`hs_v2_date_entered_${stage}`] = iso(at);
  return finish(b, "contacts", lead.deletedAt, asOf);
}

export function renderDeal(deal: DealStory, asOf: number): HubspotRecord {
  const b = builder(String(HUBSPOT_ID_BASE.deals + deal.index), deal.createdAt);
  const line = SERVICE_LINES[deal.serviceLine] ?? SERVICE_LINES[0];
  b.record.properties.dealname = `${companyName(deal.lead)} – ${line.salesforce}`;
  set(b, "pipeline", "default", deal.createdAt);
  set(b, "hubspot_owner_id", String(OWNER_ID_BASE + deal.owner), deal.createdAt);
  set(b, "service_line", line.key, deal.createdAt);
  set(b, "hs_analytics_source", SOURCES[deal.source]?.hubspot ?? "OTHER_CAMPAIGNS", deal.createdAt, "ANALYTICS");
  for (const step of deal.steps) {
    if (step.at > asOf) break;
    const stage = DEAL_STAGES[step.value] ?? DEAL_STAGES[0];
    set(b, "dealstage", stage.hubspot, step.at);
    b.record.properties[`hs_v2_date_entered_${stage.hubspot}`] = iso(step.at);
    b.record.properties.hs_deal_stage_probability = stage.hsProbability;
    b.record.properties.hs_is_closed = String(step.value >= 5);
    b.record.properties.hs_is_closed_won = String(step.value === 5);
  }
  for (const amount of deal.amounts) if (amount.at <= asOf) set(b, "amount", String(amount.value), amount.at);
  for (const close of deal.closeDates) if (close.at <= asOf) set(b, "closedate", iso(close.value), close.at);
  return finish(b, "deals", deal.deletedAt, asOf);
}

function renderEngagement(type: "calls" | "emails" | "meetings", activity: ActivityStory): HubspotRecord {
  const createdAt = engagementCreatedAt(activity);
  const b = builder(String(HUBSPOT_ID_BASE[type] + activity.index), createdAt);
  const p = b.record.properties;
  p.hs_timestamp = iso(activity.at);
  p.hubspot_owner_id = String(OWNER_ID_BASE + activity.owner);
  const who = personName(activity.lead);
  if (type === "calls") {
    p.hs_call_title = `Call with ${who.firstName} ${who.lastName}`;
    p.hs_call_direction = "OUTBOUND";
    p.hs_call_status = "COMPLETED";
    p.hs_call_duration = String(60_000 + ((activity.index * 7919) % 900_000));
  } else if (type === "emails") {
    p.hs_email_direction = activity.kind === "incoming_email" ? "INCOMING_EMAIL" : "EMAIL";
    p.hs_email_status = "SENT";
    p.hs_email_subject = activity.kind === "incoming_email" ? "Re: Next steps" : `Hello ${who.firstName}`;
    // Sequence sends carry the sequence they came from; a rep's one-to-one email has none.
    p.hs_sequence_id = activity.kind === "sequence_email" ? String(SEQUENCE_ID_BASE + (activity.lead % 3)) : null;
  } else {
    p.hs_meeting_title = `Discovery with ${who.firstName} ${who.lastName}`;
    p.hs_meeting_start_time = iso(activity.at);
    p.hs_meeting_end_time = iso(activity.at + 45 * 60_000);
    p.hs_meeting_outcome = "COMPLETED";
  }
  return finish(b, type, 0, Number.POSITIVE_INFINITY);
}

/** Meetings are booked two days ahead; calls and emails are logged when they happen. */
function engagementCreatedAt(activity: ActivityStory): number {
  return activity.kind === "meeting" ? activity.at - 2 * 86_400_000 : activity.at;
}

function storySource<T extends { index: number }>(
  type: HubspotType,
  items: T[],
  createdAt: (item: T) => number,
  render: (item: T, asOf: number) => HubspotRecord,
): Source<HubspotRecord> {
  const base = HUBSPOT_ID_BASE[type];
  return {
    size: () => items.length,
    createdAt: (i) => createdAt(items[i] as T),
    idAt: (i) => String(base + i),
    indexOf: (id) => {
      const i = Number(id) - base;
      return Number.isInteger(i) && i >= 0 && i < items.length ? i : -1;
    },
    render: (i, asOf) => render(items[i] as T, asOf),
  };
}

export function hubspotSources(story: Story): Record<HubspotType, Source<HubspotRecord>> {
  return {
    contacts: storySource(
      "contacts",
      story.leads,
      (l) => l.handoffAt,
      (l, asOf) => renderContact(l, asOf),
    ),
    deals: storySource(
      "deals",
      story.deals,
      (d) => d.createdAt,
      (d, asOf) => renderDeal(d, asOf),
    ),
    calls: storySource("calls", story.calls, engagementCreatedAt, (a) => renderEngagement("calls", a)),
    emails: storySource("emails", story.emails, engagementCreatedAt, (a) => renderEngagement("emails", a)),
    meetings: storySource("meetings", story.meetings, engagementCreatedAt, (a) => renderEngagement("meetings", a)),
  };
}

const COLLECTION_TYPES: HubspotType[] = ["calls", "emails", "meetings"];

/** Ids of the records of `to` associated with record `id` of `from`, from the story. */
export function storyAssociations(story: Story, from: HubspotType, id: string, to: HubspotType): number[] {
  const index = Number(id) - HUBSPOT_ID_BASE[from];
  const activityIds = (refs: number[]) =>
    refs.filter((ref) => COLLECTION_TYPES[ref % 4] === to).map((ref) => HUBSPOT_ID_BASE[to] + Math.floor(ref / 4));
  if (from === "contacts") {
    const lead = story.leads[index];
    if (!lead) return [];
    if (to === "deals") return lead.deal >= 0 ? [HUBSPOT_ID_BASE.deals + lead.deal] : [];
    return to === "contacts" ? [] : activityIds(lead.activities);
  }
  if (from === "deals") {
    const deal = story.deals[index];
    if (!deal) return [];
    if (to === "contacts") return [HUBSPOT_ID_BASE.contacts + deal.lead];
    return to === "deals" ? [] : activityIds(deal.activities);
  }
  const list = from === "calls" ? story.calls : from === "emails" ? story.emails : story.meetings;
  const activity = list[index];
  if (!activity) return [];
  if (to === "contacts") return [HUBSPOT_ID_BASE.contacts + activity.lead];
  if (to === "deals") return activity.deal >= 0 ? [HUBSPOT_ID_BASE.deals + activity.deal] : [];
  return [];
}
