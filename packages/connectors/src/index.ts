export type { ConnectionCheck } from "./check.ts";
export type * from "./model.ts";
export { type OpenCrm, type OpenCrmParams, openCrm } from "./open-crm.ts";
export type { RecordProblem } from "./quality/problems.ts";
export { CrmAuthError, CrmRequestError, newRequestStats, type RequestStats } from "./rate-limit/index.ts";
export * from "./settings.ts";
