export * from "./mapping.ts";
export * from "./order.ts";
