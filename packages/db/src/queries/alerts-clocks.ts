import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { slaClocks } from "../schema/alerts.ts";
import { connections } from "../schema/connections.ts";
import { deals, leads, owners } from "../schema/crm-records.ts";

export type SlaClockRow = typeof slaClocks.$inferSelect;
export type SlaClockInput = Omit<SlaClockRow, "workspaceId" | "state" | "revision" | "updatedAt"> & {
  state?: string;
};

const BATCH = 1_000;
/** Clock checks travel as one JSON parameter per statement. */
const CHECK_BATCH = 5_000;

/**
 * Replaces the clocks of the given entities (all of the workspace when `entityIds` is null) in one
 * transaction. Alerts live apart and are unique per (rule, entity, cycle, kind), so a clock
 * recreated here never alerts twice.
 */
export async function replaceSlaClocks(
  db: Database,
  params: { workspaceId: string; entityIds: string[] | null; clocks: SlaClockInput[] },
): Promise<void> {
  const { workspaceId, entityIds, clocks } = params;
  await db.transaction(async (tx) => {
    const scope = eq(slaClocks.workspaceId, workspaceId);
    if (entityIds === null) await tx.delete(slaClocks).where(scope);
    else {
      for (let i = 0; i < entityIds.length; i += BATCH) {
        await tx.delete(slaClocks).where(and(scope, inArray(slaClocks.entityId, entityIds.slice(i, i + BATCH))));
      }
    }
    for (let i = 0; i < clocks.length; i += BATCH) {
      const rows = clocks.slice(i, i + BATCH).map((clock) => ({ ...clock, workspaceId, revision: 1 }));
      // A concurrent refresh of the same entity wins by revision; never fail on it.
      await tx
        .insert(slaClocks)
        .values(rows)
        .onConflictDoUpdate({
          target: [slaClocks.workspaceId, slaClocks.ruleKey, slaClocks.entityId, slaClocks.cycleIndex],
          set: {
            startAt: sql`excluded.start_at`,
            deadlineAt: sql`excluded.deadline_at`,
            atRiskAt: sql`excluded.at_risk_at`,
            escalateAt: sql`excluded.escalate_at`,
            stoppedAt: sql`excluded.stopped_at`,
            nextCheckAt: sql`excluded.next_check_at`,
            entityName: sql`excluded.entity_name`,
            ownerId: sql`excluded.owner_id`,
            ownerName: sql`excluded.owner_name`,
            recordUrl: sql`excluded.record_url`,
            revision: sql`${slaClocks.revision} + 1`,
            updatedAt: sql`now()`,
          },
        });
    }
  });
}

/** Clocks that can have earned an alert by `now`, oldest threshold first (the incremental tick). */
export function dueSlaClocks(
  db: Database,
  params: { workspaceId: string; now: Date; limit: number },
): Promise<SlaClockRow[]> {
  return db
    .select()
    .from(slaClocks)
    .where(
      and(
        eq(slaClocks.workspaceId, params.workspaceId),
        isNotNull(slaClocks.nextCheckAt),
        lte(slaClocks.nextCheckAt, params.now),
      ),
    )
    .orderBy(asc(slaClocks.nextCheckAt))
    .limit(params.limit);
}

export interface ClockCheck {
  ruleKey: string;
  entityId: string;
  cycleIndex: number;
  revision: number;
  state: string;
  nextCheckAt: Date | null;
}

/** Stores the evaluation of clocks, skipping any clock a refresh changed meanwhile (revision). */
export async function recordClockChecks(
  db: Database,
  params: { workspaceId: string; checks: ClockCheck[] },
): Promise<void> {
  for (let i = 0; i < params.checks.length; i += CHECK_BATCH) {
    const rows = params.checks.slice(i, i + CHECK_BATCH).map((check) => ({
      rule_key: check.ruleKey,
      entity_id: check.entityId,
      cycle_index: check.cycleIndex,
      revision: check.revision,
      state: check.state,
      next_check_at: check.nextCheckAt?.toISOString() ?? null,
    }));
    await db.execute(sql`
      update sla_clocks as c
      set state = u.state, next_check_at = u.next_check_at, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as u(rule_key text, entity_id text, cycle_index int, revision int, state text, next_check_at timestamptz)
      where c.workspace_id = ${params.workspaceId} and c.rule_key = u.rule_key and c.entity_id = u.entity_id
        and c.cycle_index = u.cycle_index and c.revision = u.revision`);
  }
}

export function countOpenSlaClocks(db: Database, params: { workspaceId: string }): Promise<number> {
  return db
    .select({ count: sql<number>`count(*)::int` })
    .from(slaClocks)
    .where(and(eq(slaClocks.workspaceId, params.workspaceId), isNotNull(slaClocks.nextCheckAt)))
    .then((rows) => rows[0]?.count ?? 0);
}

export interface SlaEntityLabel {
  entityId: string;
  entityKind: "lead" | "deal";
  name: string | null;
  crm: "hubspot" | "salesforce";
  crmId: string;
  ownerId: string | null;
  ownerName: string | null;
  connectionSettings: Record<string, unknown>;
}

/** Names, owners and CRM identities of leads and deals, for the text of their alerts. */
export async function slaEntityLabels(
  db: Database,
  params: { workspaceId: string; leadIds: string[]; dealIds: string[] },
): Promise<Map<string, SlaEntityLabel>> {
  const labels = new Map<string, SlaEntityLabel>();
  for (const [entityKind, table, ids] of [
    ["lead", leads, params.leadIds],
    ["deal", deals, params.dealIds],
  ] as const) {
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await db
        .select({
          id: table.id,
          name: table.name,
          crm: table.crm,
          crmId: table.crmId,
          ownerId: table.ownerCrmId,
          ownerName: owners.name,
          settings: connections.settings,
        })
        .from(table)
        .innerJoin(connections, eq(connections.id, table.connectionId))
        .leftJoin(owners, and(eq(owners.connectionId, table.connectionId), eq(owners.crmId, table.ownerCrmId)))
        .where(and(eq(table.workspaceId, params.workspaceId), inArray(table.id, ids.slice(i, i + BATCH))));
      for (const row of rows) {
        labels.set(row.id, {
          entityId: row.id,
          entityKind,
          name: row.name,
          crm: row.crm,
          crmId: row.crmId,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          connectionSettings: row.settings,
        });
      }
    }
  }
  return labels;
}

/** Clocks still running past their deadline for the given rules (stalled deals for the digest), oldest deadline first. */
export function overdueSlaClocks(
  db: Database,
  params: { workspaceId: string; ruleKeys: string[]; now: Date; limit: number },
): Promise<SlaClockRow[]> {
  if (params.ruleKeys.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(slaClocks)
    .where(
      and(
        eq(slaClocks.workspaceId, params.workspaceId),
        inArray(slaClocks.ruleKey, params.ruleKeys),
        isNull(slaClocks.stoppedAt),
        lte(slaClocks.deadlineAt, params.now),
      ),
    )
    .orderBy(asc(slaClocks.deadlineAt))
    .limit(params.limit);
}
