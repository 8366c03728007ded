import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/schema and applied by migrateDatabase() at start (dev, tests, production).
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/db/src/schema/index.ts",
  out: "./packages/db/migrations",
});
