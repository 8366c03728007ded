import type { components } from "../api/schema";

// Generated from the connections API (pnpm gen:api).
type Schemas = components["schemas"];
export type SyncRun = Schemas["SyncRun"];
export type FreshConnection = Schemas["Freshness"]["connections"][number];
export type DataQualityProblem = Schemas["DataQuality"]["problems"][number];
