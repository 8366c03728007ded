import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../client.ts";
import { connections } from "../schema/connections.ts";
import { createTestDatabase } from "../testing/index.ts";
import { finishSyncRun, startSyncRun, syncFreshness } from "./sync-runs.ts";
import { ensureWorkspace } from "./workspaces.ts";

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
});

it("freshness is the last successful sync of each connection, not of another run", async () => {
  database = await createTestDatabase();
  const db = database.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  const [hubspot, salesforce] = await db
    .insert(connections)
    .values([
      { workspaceId: "acme", crm: "hubspot", name: "HubSpot", credentials: { keyId: "k", sealed: "x" } },
      { workspaceId: "acme", crm: "salesforce", name: "Salesforce", credentials: { keyId: "k", sealed: "x" } },
    ])
    .returning();
  if (!hubspot || !salesforce) throw new Error("connections not created");
  const succeeded = await startSyncRun(db, {
    workspaceId: "acme",
    connectionId: hubspot.id,
    mode: "full",
    reason: "manual",
  });
  await finishSyncRun(db, { runId: succeeded.id, status: "succeeded", errors: [] });
  const failed = await startSyncRun(db, {
    workspaceId: "acme",
    connectionId: salesforce.id,
    mode: "full",
    reason: "manual",
  });
  await finishSyncRun(db, { runId: failed.id, status: "failed", errors: [] });

  const freshness = await syncFreshness(db, { workspaceId: "acme" });
  const byName = Object.fromEntries(freshness.map((row) => [row.name, row]));
  expect(byName.HubSpot?.lastSyncAt).toBeInstanceOf(Date);
  expect(byName.HubSpot?.lastFullSyncAt).toBeInstanceOf(Date);
  expect(byName.Salesforce?.lastSyncAt).toBeNull();
  expect(await syncFreshness(db, { workspaceId: "other" })).toEqual([]);
});
