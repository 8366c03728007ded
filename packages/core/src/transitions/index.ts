export * from "./derive.ts";
export * from "./reached.ts";
export * from "./spans.ts";
