import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type DatabaseHandle, openDatabase, openPglite } from "../client.ts";
import { migrateDatabase, migrationsFolder } from "../migrate.ts";

/** Which database the integration tests run on: set per Vitest project (pglite | postgres). */
export function testDatabaseKind(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export const testPostgresServer = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let pgliteTemplate: Promise<PGlite> | undefined;
let postgresTemplate: Promise<string> | undefined;

/**
 * An isolated, migrated database for one test: a clone of a migrated PGlite, or a Postgres
 * database created from a migrated template (fast, and no test sees another's rows).
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  if (testDatabaseKind() === "postgres") return createPostgresTestDatabase();
  pgliteTemplate ??= (async () => {
    const template = await PGlite.create();
    const handle = await openPglite("memory://template", template);
    await migrateDatabase(handle);
    return template;
  })();
  const clone = (await (await pgliteTemplate).clone()) as PGlite;
  return openPglite("memory://test", clone);
}

async function createPostgresTestDatabase(): Promise<DatabaseHandle & { url: string }> {
  postgresTemplate ??= ensurePostgresTemplate();
  const template = await postgresTemplate;
  const name = `revops_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${template}`));
  const handle = await openDatabase({ url: databaseUrl(name), dataDir: "", poolSize: 4 });
  const close = handle.close;
  return {
    ...handle,
    url: databaseUrl(name),
    close: async () => {
      await close();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** One template per migration set; parallel test workers agree on it through an advisory lock. */
async function ensurePostgresTemplate(): Promise<string> {
  const name = `revops_template_${migrationsHash()}`;
  await withAdmin(async (admin) => {
    await admin.query("select pg_advisory_lock(727274)");
    try {
      const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (found.rowCount) return;
      await admin.query(`create database ${name}`);
      const handle = await openDatabase({ url: databaseUrl(name), dataDir: "", poolSize: 1 });
      await migrateDatabase(handle);
      await handle.close();
    } finally {
      await admin.query("select pg_advisory_unlock(727274)");
    }
  });
  return name;
}

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsFolder).sort()) {
    if (file.endsWith(".sql")) hash.update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest("hex").slice(0, 12);
}

function databaseUrl(database: string): string {
  const url = new URL(testPostgresServer);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testPostgresServer });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export * from "./bench-records.ts";
export * from "./crm-story.ts";
export * from "./raw-review-sql.ts";
