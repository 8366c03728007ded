export * from "./connections.ts";
export * from "./crm-records.ts";
export * from "./workspaces.ts";
