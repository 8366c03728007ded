export * from "./business.ts";
export * from "./hours.ts";
