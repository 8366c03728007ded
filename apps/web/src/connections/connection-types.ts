// Local shapes of the sync engineer's routes, written from the schema (connections, sync_runs,
// data_quality_problems) until `pnpm gen:api` brings the generated ones; then these go.

export interface Connection {
  id: string;
  crm: "hubspot" | "salesforce";
  name: string;
  status: string;
  statusDetail?: string | null;
  lastSyncAt: string | null;
  syncEveryMinutes?: number;
}

export interface SyncRun {
  id: string;
  connectionId: string;
  mode: "full" | "incremental";
  reason?: string;
  status: "queued" | "running" | "succeeded" | "failed" | "needs_reconnect";
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  recordsByObject: Record<string, number>;
  errors: Array<{ at: string; object: string | null; message: string }>;
  progress: { object: string | null; phase: string | null; pages: number; records: number } | null;
}

export interface DataQualityGroup {
  kind: string;
  object: string;
  field: string;
  count: number;
  examples: Array<{ crmId: string; value?: string | null; detail?: string | null; crmUrl?: string | null }>;
}
