export {
  classifySalesforceError,
  SALESFORCE_DEFAULT_BUDGETS,
  SalesforceApi,
  type SalesforceCredentials,
} from "./api.ts";
export { checkSalesforceConnection } from "./check.ts";
export type { SalesforceFieldSettings } from "./records.ts";
export { SalesforceSource } from "./source.ts";
