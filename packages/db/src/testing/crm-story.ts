import type { CrmKind } from "@revops/core";
import type { Database } from "../client.ts";
import { connections } from "../schema/connections.ts";
import { activities, deals, leadDeals, leads, pipelineStages, propertyChanges } from "../schema/crm-records.ts";

/** Direct inserts into the canonical record tables, for tests and benchmarks that need records without a sync. */
export async function insertTestConnection(
  db: Database,
  params: { workspaceId: string; crm: CrmKind; settings?: Record<string, unknown> },
): Promise<string> {
  const [row] = await db
    .insert(connections)
    .values({
      workspaceId: params.workspaceId,
      crm: params.crm,
      name: `${params.crm} test`,
      settings: params.settings ?? {},
      credentials: { keyId: "test", sealed: "not-a-secret" },
    })
    .returning({ id: connections.id });
  if (!row) throw new Error("connection not inserted");
  return row.id;
}

export interface TestChange {
  property: string;
  value: string | null;
  at: Date;
  provenance?: "history" | "property" | "observed";
}

interface Scope {
  workspaceId: string;
  connectionId: string;
  crm: CrmKind;
}

async function insertChanges(
  db: Database,
  scope: Scope,
  entityKind: "lead" | "deal",
  entityId: string,
  changes: TestChange[],
) {
  if (changes.length === 0) return;
  await db.insert(propertyChanges).values(
    changes.map((c) => ({
      workspaceId: scope.workspaceId,
      entityKind,
      entityId,
      property: c.property,
      value: c.value,
      changedAt: c.at,
      provenance: c.provenance ?? "history",
    })),
  );
}

export async function insertTestLead(
  db: Database,
  scope: Scope,
  lead: {
    crmId: string;
    createdAt: Date;
    ownerCrmId?: string | null;
    serviceLineRaw?: string | null;
    sourceRaw?: string | null;
    tier?: string | null;
    changes: TestChange[];
  },
): Promise<string> {
  const [row] = await db
    .insert(leads)
    .values({
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      crm: scope.crm,
      crmId: lead.crmId,
      ownerCrmId: lead.ownerCrmId ?? null,
      serviceLineRaw: lead.serviceLineRaw ?? null,
      sourceRaw: lead.sourceRaw ?? null,
      tier: lead.tier ?? null,
      createdAtCrm: lead.createdAt,
    })
    .returning({ id: leads.id });
  if (!row) throw new Error("lead not inserted");
  await insertChanges(db, scope, "lead", row.id, lead.changes);
  return row.id;
}

export async function insertTestDeal(
  db: Database,
  scope: Scope,
  deal: {
    crmId: string;
    createdAt: Date;
    pipelineId?: string | null;
    ownerCrmId?: string | null;
    serviceLineRaw?: string | null;
    sourceRaw?: string | null;
    leadIds?: string[];
    changes: TestChange[];
  },
): Promise<string> {
  const [row] = await db
    .insert(deals)
    .values({
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      crm: scope.crm,
      crmId: deal.crmId,
      pipelineId: deal.pipelineId ?? null,
      ownerCrmId: deal.ownerCrmId ?? null,
      serviceLineRaw: deal.serviceLineRaw ?? null,
      sourceRaw: deal.sourceRaw ?? null,
      createdAtCrm: deal.createdAt,
    })
    .returning({ id: deals.id });
  if (!row) throw new Error("deal not inserted");
  await insertChanges(db, scope, "deal", row.id, deal.changes);
  for (const leadId of deal.leadIds ?? []) {
    await db.insert(leadDeals).values({ workspaceId: scope.workspaceId, leadId, dealId: row.id });
  }
  return row.id;
}

export async function insertTestActivity(
  db: Database,
  scope: Scope,
  activity: {
    crmId: string;
    leadId: string;
    kind: "call" | "email" | "meeting";
    direction?: "outbound" | "inbound" | null;
    automated?: boolean;
    at: Date;
    ownerCrmId?: string | null;
  },
): Promise<void> {
  await db.insert(activities).values({
    workspaceId: scope.workspaceId,
    connectionId: scope.connectionId,
    crmId: activity.crmId,
    leadId: activity.leadId,
    kind: activity.kind,
    direction: activity.direction ?? null,
    automated: activity.automated ?? false,
    occurredAt: activity.at,
    ownerCrmId: activity.ownerCrmId ?? null,
  });
}

export async function insertTestPipelineStages(
  db: Database,
  scope: Scope,
  pipelineId: string,
  stages: Array<{ stageId: string; probability: number | null; isClosed?: boolean }>,
): Promise<void> {
  await db.insert(pipelineStages).values(
    stages.map((s, i) => ({
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      pipelineId,
      stageId: s.stageId,
      label: s.stageId,
      probability: s.probability,
      isClosed: s.isClosed ?? false,
      displayOrder: i,
    })),
  );
}
