export * from "./calendar/index.ts";
export * from "./cycles/index.ts";
export * from "./deals/index.ts";
export * from "./definitions/index.ts";
export * from "./metrics/percentile.ts";
export type * from "./model.ts";
export * from "./stages/index.ts";
export * from "./time/index.ts";
export * from "./transitions/index.ts";
