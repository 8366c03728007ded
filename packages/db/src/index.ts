export { type Database, type DatabaseHandle, type DatabaseKind, openDatabase } from "./client.ts";
export { migrateDatabase } from "./migrate.ts";
export * from "./queries/definitions.ts";
export * from "./queries/meeting.ts";
export * from "./queries/workspaces.ts";
export * from "./schema/index.ts";
