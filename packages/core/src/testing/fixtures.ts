import type { Activity, DealRecord, LeadRecord, PropertyChange } from "../model.ts";

/** Test-only builders; not exported from the package barrel. */
export const at = (iso: string) => new Date(iso);

export function change(property: string, value: string | null, iso: string): PropertyChange {
  return { property, value, at: at(iso), provenance: "history" };
}

export function hubspotLead(
  id: string,
  createdIso: string,
  changes: PropertyChange[],
  dealIds: string[] = [],
): LeadRecord {
  return {
    id,
    crm: "hubspot",
    connectionId: "hs",
    crmId: `c-${id}`,
    createdAt: at(createdIso),
    ownerId: "rep-1",
    serviceLineRaw: null,
    sourceRaw: null,
    tier: null,
    stageChanges: changes,
    dealIds,
  };
}

export function salesforceLead(
  id: string,
  createdIso: string,
  changes: PropertyChange[],
  dealIds: string[] = [],
): LeadRecord {
  return {
    ...hubspotLead(id, createdIso, changes, dealIds),
    crm: "salesforce",
    connectionId: "sf",
    crmId: `00Q-${id}`,
  };
}

export function deal(
  id: string,
  crm: "hubspot" | "salesforce",
  createdIso: string,
  stages: Array<[string, string]>,
  extra: Partial<DealRecord> = {},
): DealRecord {
  const property = crm === "hubspot" ? "dealstage" : "StageName";
  return {
    id,
    crm,
    connectionId: crm === "hubspot" ? "hs" : "sf",
    crmId: `d-${id}`,
    pipelineId: crm === "hubspot" ? "default" : null,
    createdAt: at(createdIso),
    ownerId: "rep-1",
    serviceLineRaw: null,
    sourceRaw: null,
    leadIds: [],
    stageChanges: stages.map(([value, iso]) => change(property, value, iso)),
    amountChanges: [],
    closeDateChanges: [],
    probabilityByStage: {},
    ...extra,
  };
}

export function touch(id: string, leadId: string, iso: string, extra: Partial<Activity> = {}): Activity {
  return {
    id,
    crmId: id,
    leadId,
    kind: "call",
    direction: "outbound",
    automated: false,
    at: at(iso),
    ownerId: "rep-1",
    ...extra,
  };
}

/** Narrows away undefined in tests without a non-null assertion. */
export function defined<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error("expected a value");
  return value;
}
