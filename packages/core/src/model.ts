/** Canonical stages of the lead path (before a lead becomes a deal) plus `recycled`. */
export type LeadStage = "lead" | "mql" | "sal" | "sql" | "recycled";
/** Canonical deal stages; `closed_lost` is reached only by entering it. */
export type DealStage = "opportunity" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
export type CanonicalStage = LeadStage | DealStage;

/** Where a transition timestamp comes from, best first (spec §2). */
export type Provenance = "history" | "property" | "observed";
export type CrmKind = "hubspot" | "salesforce";
export type CrmObject = "lead" | "deal";
export type SourceCategory = "marketing" | "sales" | "partner" | "other";

/** One history entry of a CRM property, CRM-neutral. */
export interface PropertyChange {
  property: string;
  value: string | null;
  at: Date;
  provenance: Provenance;
}

export interface LeadRecord {
  id: string;
  crm: CrmKind;
  connectionId: string;
  crmId: string;
  createdAt: Date;
  ownerId: string | null;
  serviceLineRaw: string | null;
  sourceRaw: string | null;
  tier: string | null;
  /** Every mapped-candidate property: HubSpot lifecyclestage + hs_lead_status; Salesforce Lead Status. */
  stageChanges: PropertyChange[];
  dealIds: string[];
}

export interface AmountChange {
  value: number | null;
  at: Date;
}

export interface CloseDateChange {
  /** Local calendar date `YYYY-MM-DD`. */
  value: string | null;
  at: Date;
}

export interface DealRecord {
  id: string;
  crm: CrmKind;
  connectionId: string;
  crmId: string;
  pipelineId: string | null;
  createdAt: Date;
  ownerId: string | null;
  serviceLineRaw: string | null;
  sourceRaw: string | null;
  leadIds: string[];
  /** HubSpot dealstage or Salesforce StageName history. */
  stageChanges: PropertyChange[];
  amountChanges: AmountChange[];
  closeDateChanges: CloseDateChange[];
  /** CRM stage value -> probability 0..1, as of the CRM configuration. */
  probabilityByStage: Record<string, number>;
}

export interface Activity {
  id: string;
  crmId: string;
  leadId: string;
  kind: "call" | "email" | "meeting";
  direction: "outbound" | "inbound" | null;
  automated: boolean;
  at: Date;
  ownerId: string | null;
}

/** An entity entered a canonical stage at `at`; `via` names the deal that carried a lead into deal stages. */
export interface Transition {
  entityId: string;
  stage: CanonicalStage;
  at: Date;
  provenance: Provenance;
  via?: string;
}

/** A CRM value found in the data with no mapping (data-quality page). */
export interface UnmappedValue {
  property: string;
  value: string;
}
