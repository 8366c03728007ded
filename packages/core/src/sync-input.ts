import type { Provenance } from "./model.ts";

/** What connectors hand to the sync writer: canonical records keyed by CRM id. */
export interface PropertyChangeInput {
  property: string;
  value: string | null;
  at: Date;
  provenance: Provenance;
  previousValue?: string | null;
}

export interface LeadInput {
  crmId: string;
  name: string | null;
  email: string | null;
  ownerCrmId: string | null;
  serviceLineRaw: string | null;
  sourceRaw: string | null;
  tier: string | null;
  createdAt: Date;
  modifiedAt: Date | null;
  changes: PropertyChangeInput[];
  /** Links owned by the lead (Salesforce ConvertedOpportunityId): replace the lead's links. */
  dealCrmIds?: string[];
}

export interface DealInput {
  crmId: string;
  name: string | null;
  pipelineId: string | null;
  ownerCrmId: string | null;
  serviceLineRaw: string | null;
  sourceRaw: string | null;
  createdAt: Date;
  modifiedAt: Date | null;
  changes: PropertyChangeInput[];
  /** Links owned by the deal (HubSpot deal→contact associations): replace the deal's links. */
  leadCrmIds?: string[];
}

export interface ActivityInput {
  crmId: string;
  leadCrmId: string | null;
  kind: "call" | "email" | "meeting";
  direction: "outbound" | "inbound" | null;
  automated: boolean;
  occurredAt: Date;
  ownerCrmId: string | null;
}

export interface OwnerInput {
  crmId: string;
  name: string | null;
  email: string | null;
  team: string | null;
}

export interface PipelineStageInput {
  pipelineId: string;
  stageId: string;
  label: string;
  probability: number | null;
  isClosed: boolean;
  displayOrder: number;
}
