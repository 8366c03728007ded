export { classifyHubspotError, HUBSPOT_DEFAULT_BUDGETS, HubspotApi, type HubspotCredentials } from "./api.ts";
export { checkHubspotConnection } from "./check.ts";
export type { HubspotFieldSettings } from "./records.ts";
export { HubspotSource } from "./source.ts";
