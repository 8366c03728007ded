export * from "./clocks.ts";
export * from "./rules.ts";
export * from "./state.ts";
