import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../client.ts";
import { leads } from "../schema/crm-records.ts";
import { mqlCycleFacts, stageSpanFacts } from "../schema/facts.ts";
import { createTestDatabase, insertTestConnection, insertTestLead } from "../testing/index.ts";
import { deleteOrphanFacts, replaceFacts, type StoredCycleFact, type StoredSpanFact } from "./facts.ts";
import { ensureWorkspace } from "./workspaces.ts";

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
});

const at = new Date("2026-03-02T09:00:00Z");
const cycle = (leadId: string): StoredCycleFact => ({
  leadId,
  index: 0,
  startAt: at,
  provenance: "history",
  endAt: null,
  firstTouchAt: null,
  firstTouchActivityId: null,
  acceptedAt: null,
  rejectedAt: null,
  reachedAt: { sal: null, sql: null, opportunity: null, closed_won: null },
  serviceLine: "cloud",
  sourceCategory: "marketing",
  tier: null,
  responseMinutes: null,
  responseBusinessMinutes: null,
  slaRuleKey: null,
  slaTargetMinutes: null,
  slaDeadlineAt: null,
  ownerCrmId: null,
});
const span = (entityId: string): StoredSpanFact => ({
  entityId,
  entityKind: "lead",
  spanIndex: 0,
  stage: "mql",
  enteredAt: at,
  leftAt: null,
  provenance: "history",
  serviceLine: "cloud",
  sourceCategory: "marketing",
  tier: null,
  stallRuleKey: null,
  stallDeadlineAt: null,
  ownerCrmId: null,
});

it("drops the facts of leads that are gone (never synced, deleted) and keeps the live ones", async () => {
  database = await createTestDatabase();
  const db = database.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  const connectionId = await insertTestConnection(db, { workspaceId: "acme", crm: "hubspot" });
  const scope = { workspaceId: "acme", connectionId, crm: "hubspot" as const };
  const live = await insertTestLead(db, scope, { crmId: "1", createdAt: at, changes: [] });
  const deleted = await insertTestLead(db, scope, { crmId: "2", createdAt: at, changes: [] });
  const unknown = randomUUID();
  const ids = [live, deleted, unknown];
  await replaceFacts(db, {
    workspaceId: "acme",
    leadIds: ids,
    dealIds: [],
    definitionsVersion: 1,
    timeZone: "UTC",
    cycles: ids.map(cycle),
    spans: ids.map(span),
    deals: [],
  });
  await db.update(leads).set({ deletedAt: at }).where(eq(leads.id, deleted));
  await deleteOrphanFacts(db, { workspaceId: "acme" });
  expect((await db.select().from(mqlCycleFacts)).map((c) => c.leadId)).toEqual([live]);
  expect((await db.select().from(stageSpanFacts)).map((s) => s.entityId)).toEqual([live]);
});
