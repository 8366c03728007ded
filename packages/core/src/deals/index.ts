export * from "./state.ts";
export * from "./timeline.ts";
