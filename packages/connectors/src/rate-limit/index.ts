export * from "./call.ts";
export * from "./shared-limiter.ts";
