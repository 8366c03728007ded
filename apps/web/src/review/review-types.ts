import type { components } from "../api/schema";

// The review API's shapes, generated from its OpenAPI document (pnpm gen:api).
type Schemas = components["schemas"];
export type Review = Schemas["Review"];
export type ReviewRow = Schemas["ReviewRow"];
export type StageVelocity = Schemas["ReviewStageVelocity"];
export type Conversion = Schemas["ReviewConversion"];
export type ReviewRecord = Schemas["ReviewRecord"];
