export * from "./connections.ts";
export * from "./crm-records.ts";
export * from "./definitions.ts";
export * from "./facts.ts";
export * from "./meeting.ts";
export * from "./workspaces.ts";
