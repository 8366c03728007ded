export * from "./fiscal.ts";
export * from "./week.ts";
export * from "./zone.ts";
