import type { RunningSandbox } from "@revops/crm-sandbox";
import { type Database, loadActivities, loadDealRecords, loadLeadRecords } from "@revops/db";

/** What a synced connection must hold, CRM-neutral, for comparing the CRM with the database. */
export interface FunnelState {
  leads: Record<
    string,
    { email: string | null; owner: string | null; serviceLine: string | null; stages: Record<string, string | null> }
  >;
  deals: Record<string, { stage: string | null; amount: number | null; closeDate: string | null; leads: string[] }>;
  activities: Record<string, { kind: string; lead: string }>;
}

async function hubspotList(sandbox: RunningSandbox, type: string, properties: string[], associations = false) {
  const records: {
    id: string;
    properties: Record<string, string | null>;
    associations?: Record<string, { results: { id: string }[] }>;
  }[] = [];
  let after: string | undefined;
  do {
    const url = new URL(`/crm/v3/objects/${type}`, sandbox.hubspot.baseUrl);
    url.searchParams.set("limit", "100");
    url.searchParams.set("properties", properties.join(","));
    if (associations) url.searchParams.set("associations", "contacts");
    if (after) url.searchParams.set("after", after);
    let response = await fetch(url, { headers: { authorization: `Bearer ${sandbox.hubspot.privateAppToken}` } });
    // A test sandbox may run with tight limits: wait them out.
    while (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      response = await fetch(url, { headers: { authorization: `Bearer ${sandbox.hubspot.privateAppToken}` } });
    }
    if (!response.ok) throw new Error(`sandbox answered ${response.status}`);
    const body = (await response.json()) as { results: typeof records; paging?: { next?: { after: string } } };
    records.push(...body.results);
    after = body.paging?.next?.after;
  } while (after);
  return records;
}

/** The portal as the sandbox serves it now, read with plain HTTP (not through the connector). */
export async function hubspotState(sandbox: RunningSandbox): Promise<FunnelState> {
  const state: FunnelState = { leads: {}, deals: {}, activities: {} };
  for (const c of await hubspotList(sandbox, "contacts", [
    "email",
    "hubspot_owner_id",
    "service_line",
    "lifecyclestage",
    "hs_lead_status",
  ])) {
    state.leads[c.id] = {
      email: c.properties.email ?? null,
      owner: c.properties.hubspot_owner_id || null,
      serviceLine: c.properties.service_line || null,
      stages: {
        lifecyclestage: c.properties.lifecyclestage || null,
        hs_lead_status: c.properties.hs_lead_status || null,
      },
    };
  }
  for (const d of await hubspotList(sandbox, "deals", ["dealstage", "amount", "closedate"], true)) {
    state.deals[d.id] = {
      stage: d.properties.dealstage || null,
      amount:
        d.properties.amount &&
        Number.isFinite(Number(d.properties.amount)) &&
        Math.abs(Number(d.properties.amount)) < 1e13
          ? Number(d.properties.amount)
          : null,
      closeDate: calendarDay(d.properties.closedate),
      leads: (d.associations?.contacts?.results ?? [])
        .map((link) => String(link.id))
        .filter((id) => id in state.leads)
        .sort(),
    };
  }
  for (const [type, kind] of [
    ["calls", "call"],
    ["emails", "email"],
    ["meetings", "meeting"],
  ] as const) {
    for (const a of await hubspotList(sandbox, type, ["hs_timestamp"], true)) {
      const lead = a.associations?.contacts?.results[0]?.id;
      if (lead && lead in state.leads) state.activities[a.id] = { kind, lead: String(lead) };
    }
  }
  return state;
}

/** A close date as a calendar day; an unreadable one counts as none (the sync reports it). */
function calendarDay(value: string | null | undefined): string | null {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

const last = <T extends { at: Date }>(changes: T[]): T | undefined =>
  [...changes].sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);

/** The same view of what the database holds for the workspace, through the public loaders. */
export async function databaseState(
  db: Database,
  workspaceId: string,
  stageProperties: string[],
): Promise<FunnelState> {
  const state: FunnelState = { leads: {}, deals: {}, activities: {} };
  const leads = await loadLeadRecords(db, { workspaceId });
  const crmIdOf = new Map(leads.map((lead) => [lead.id, lead.crmId]));
  for (const lead of leads) {
    state.leads[lead.crmId] = {
      email: null,
      owner: lead.ownerId,
      serviceLine: lead.serviceLineRaw,
      stages: Object.fromEntries(
        stageProperties.map((property) => [
          property,
          last(lead.stageChanges.filter((c) => c.property === property))?.value ?? null,
        ]),
      ),
    };
  }
  for (const deal of await loadDealRecords(db, { workspaceId })) {
    state.deals[deal.crmId] = {
      stage: last(deal.stageChanges)?.value ?? null,
      amount: last(deal.amountChanges)?.value ?? null,
      closeDate: last(deal.closeDateChanges)?.value ?? null,
      leads: deal.leadIds.map((id) => crmIdOf.get(id) ?? id).sort(),
    };
  }
  for (const activity of await loadActivities(db, { workspaceId })) {
    const lead = crmIdOf.get(activity.leadId);
    if (lead) state.activities[activity.crmId] = { kind: activity.kind, lead };
  }
  return state;
}

/** Emails are not part of the core model: compare without them. */
export function withoutEmails(state: FunnelState): FunnelState {
  return {
    ...state,
    leads: Object.fromEntries(Object.entries(state.leads).map(([id, lead]) => [id, { ...lead, email: null }])),
  };
}

async function salesforceQuery(sandbox: RunningSandbox, soql: string): Promise<Record<string, unknown>[]> {
  const token = await fetch(new URL("/services/oauth2/token", sandbox.salesforce.loginUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: sandbox.salesforce.clientId,
      client_secret: sandbox.salesforce.clientSecret,
      refresh_token: sandbox.salesforce.refreshToken,
    }),
  }).then((response) => response.json() as Promise<{ access_token: string; instance_url: string }>);
  const records: Record<string, unknown>[] = [];
  let next: string | undefined = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  while (next) {
    const response = await fetch(new URL(next, token.instance_url), {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    if (!response.ok) throw new Error(`sandbox answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { records: Record<string, unknown>[]; nextRecordsUrl?: string };
    records.push(...body.records);
    next = body.nextRecordsUrl;
  }
  return records;
}

/** The org as the sandbox serves it now, read with plain HTTP. */
export async function salesforceState(sandbox: RunningSandbox): Promise<FunnelState> {
  const state: FunnelState = { leads: {}, deals: {}, activities: {} };
  const field = sandbox.salesforce.serviceLineField;
  const leads = await salesforceQuery(
    sandbox,
    `SELECT Id, OwnerId, Status, ConvertedOpportunityId, ${field} FROM Lead`,
  );
  for (const lead of leads) {
    state.leads[String(lead.Id)] = {
      email: null,
      owner: (lead.OwnerId as string | null) ?? null,
      serviceLine: (lead[field] as string | null) || null,
      stages: { Status: (lead.Status as string | null) ?? null },
    };
  }
  for (const deal of await salesforceQuery(sandbox, "SELECT Id, StageName, Amount, CloseDate FROM Opportunity")) {
    const id = String(deal.Id);
    state.deals[id] = {
      stage: (deal.StageName as string | null) ?? null,
      amount: deal.Amount === null || deal.Amount === undefined ? null : Number(deal.Amount),
      closeDate: (deal.CloseDate as string | null) ?? null,
      leads: leads
        .filter((lead) => lead.ConvertedOpportunityId === id)
        .map((lead) => String(lead.Id))
        .sort(),
    };
  }
  for (const task of await salesforceQuery(sandbox, "SELECT Id, WhoId, TaskSubtype FROM Task")) {
    const who = String(task.WhoId ?? "");
    if (!(who in state.leads)) continue;
    if (task.TaskSubtype === "Call") state.activities[String(task.Id)] = { kind: "call", lead: who };
    else if (["Email", "ListEmail", "Cadence"].includes(String(task.TaskSubtype)))
      state.activities[String(task.Id)] = { kind: "email", lead: who };
  }
  for (const event of await salesforceQuery(sandbox, "SELECT Id, WhoId FROM Event")) {
    const who = String(event.WhoId ?? "");
    if (who in state.leads) state.activities[String(event.Id)] = { kind: "meeting", lead: who };
  }
  return state;
}
