export * from "./calendar/index.ts";
export * from "./definitions/index.ts";
export * from "./metrics/percentile.ts";
export type * from "./model.ts";
export * from "./stages/index.ts";
export * from "./time/index.ts";
