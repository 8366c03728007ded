import type {
  ActivityInput,
  DealInput,
  LeadInput,
  OwnerInput,
  PipelineStageInput,
  PropertyChangeInput,
} from "@revops/core";
import type { RecordProblem } from "./quality/problems.ts";

// What connectors hand to the sync writer: the canonical inputs of @revops/core.
export type {
  ActivityInput,
  DealInput,
  LeadInput,
  OwnerInput,
  PipelineStageInput,
  PropertyChangeInput,
} from "@revops/core";

export interface Removal {
  object: "lead" | "deal" | "activity";
  crmId: string;
  at: Date;
  /** Set when the CRM merged the record into another. */
  mergedIntoCrmId?: string;
}

export interface HistoryRow {
  crmId: string;
  change: PropertyChangeInput;
}

export interface ObservedValues {
  crmId: string;
  at: Date;
  values: Record<string, string | null>;
}

export type CursorValue = Record<string, unknown>;

/**
 * One unit the writer commits atomically: records, removals, problems and the cursors that
 * cover them. A connector yields the next page only after the previous one is committed.
 */
export interface SyncPage {
  object: string;
  leads?: { records: LeadInput[]; replaceProperties?: string[] };
  deals?: { records: DealInput[]; replaceProperties?: string[] };
  activities?: ActivityInput[];
  owners?: OwnerInput[];
  stages?: PipelineStageInput[];
  removals?: Removal[];
  problems?: RecordProblem[];
  /** Cursor writes (null deletes the cursor) in the same transaction as the data. */
  cursors?: Record<string, CursorValue | null>;
  /** History rows that arrive apart from their record (Salesforce LeadHistory, OpportunityHistory). */
  leadHistory?: HistoryRow[];
  dealHistory?: HistoryRow[];
  /** Salesforce: leads whose created-with Status must be settled from their history. */
  settleLeadStatus?: string[];
  /**
   * Current values the sync saw (Salesforce incremental): a value that differs from the last
   * known change is stored as an `observed` change at the record's modification time.
   */
  observed?: { object: "lead" | "deal"; values: ObservedValues[] };
  /** Salesforce: current Status of the leads of the page (their created-with value when they have no history). */
  currentLeadStatus?: Record<string, string | null>;
  /** End of a full sync: records not seen since this instant are gone from the CRM. */
  sweepUnseenSince?: Date;
  /** Records read, for the run's statistics. */
  records: number;
}

export type SyncMode = "full" | "incremental";

export interface SyncRequest {
  mode: SyncMode;
  /** The connection's committed cursors when the run starts. */
  cursors: Map<string, CursorValue>;
  /** Only these records (a webhook's touched ids). */
  touched?: { contacts: string[]; deals: string[] } | undefined;
  /** Database time at the start of the run (for the end-of-full sweep). */
  startedAt: Date;
}

export interface CrmSource {
  pages(request: SyncRequest): AsyncGenerator<SyncPage>;
}
