export * from "./calendar/index.ts";
export * from "./cycles/index.ts";
export * from "./deals/index.ts";
export * from "./definitions/index.ts";
export { type CrmRecordAddress, crmRecordUrl } from "./links/crm-record-url.ts";
export * from "./metrics/index.ts";
export type * from "./model.ts";
export * from "./sla/index.ts";
export * from "./stages/index.ts";
export type {
  ActivityInput,
  DealInput,
  LeadInput,
  OwnerInput,
  PipelineStageInput,
  PropertyChangeInput,
} from "./sync-input.ts";
export * from "./time/index.ts";
export * from "./transitions/index.ts";
