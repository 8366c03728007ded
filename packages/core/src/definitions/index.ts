export * from "./defaults.ts";
export * from "./diff.ts";
export type * from "./types.ts";
export * from "./validate.ts";
