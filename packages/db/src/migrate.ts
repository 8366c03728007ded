import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { DatabaseHandle } from "./client.ts";

/** The generated migrations, shared by dev, tests and production. */
export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** Applies every pending generated migration; safe to call at every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "postgres") {
    // biome-ignore lint/suspicious/noExplicitAny: the driver-specific migrator wants its own database type
    await migratePg(handle.db as any, { migrationsFolder });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: same as above
    await migratePglite(handle.db as any, { migrationsFolder });
  }
}
