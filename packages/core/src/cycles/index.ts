export * from "./firstTouch.ts";
export * from "./mqlCycles.ts";
