import type { PropertyChangeInput } from "@revops/core";
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { byCrmIds, KEEP_LATERAL, selectRows, unnestRows } from "./bulk.ts";
import type { SyncScope } from "./crm-record-writes.ts";

/** One row of property_changes as the sync writes it. */
export interface ChangeRow {
  entityKind: "lead" | "deal";
  entityId: string;
  property: string;
  value: string | null;
  changedAt: Date;
  provenance: "history" | "property" | "observed";
  previousValue?: string | null | undefined;
}

/** Inserts history rows; one already stored (same entity, property, time and value) is left as it is. */
export async function insertChanges(db: Database, workspaceId: string, rows: ChangeRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 10_000) {
    const slice = rows.slice(start, start + 10_000);
    await db.execute(sql`
      insert into property_changes
        (workspace_id, entity_kind, entity_id, property, value, changed_at, provenance, previous_value)
      select ${workspaceId}, u.* from (${unnestRows([
        ["entity_kind", "text", slice.map((row) => row.entityKind)],
        ["entity_id", "uuid", slice.map((row) => row.entityId)],
        ["property", "text", slice.map((row) => row.property)],
        ["value", "text", slice.map((row) => row.value)],
        ["changed_at", "timestamptz", slice.map((row) => row.changedAt)],
        ["provenance", "text", slice.map((row) => row.provenance)],
        ["previous_value", "text", slice.map((row) => row.previousValue ?? null)],
      ])}) u
      on conflict do nothing`);
  }
}

/** Entity ids by CRM id for one connection's leads or deals. */
export async function entityIdsByCrmId(
  db: Database,
  scope: SyncScope,
  entityKind: "lead" | "deal",
  crmIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await selectRows<{ id: string; crm_id: string }>(
    db,
    byCrmIds(entityKind === "lead" ? "leads" : "deals", scope.connectionId, crmIds, "t.id, t.crm_id"),
  );
  return new Map(rows.map((row) => [row.crm_id, row.id]));
}

/** Appends history rows that arrive apart from their record (Salesforce LeadHistory, OpportunityHistory). */
export async function appendPropertyChanges(
  db: Database,
  scope: SyncScope,
  entityKind: "lead" | "deal",
  rows: { crmId: string; change: PropertyChangeInput }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = await entityIdsByCrmId(
    db,
    scope,
    entityKind,
    rows.map((row) => row.crmId),
  );
  const values = rows.flatMap((row): ChangeRow[] => {
    const entityId = ids.get(row.crmId);
    if (!entityId) return [];
    const { property, value, at, provenance, previousValue } = row.change;
    return [{ entityKind, entityId, property, value, changedAt: at, provenance, previousValue: previousValue ?? null }];
  });
  await insertChanges(db, scope.workspaceId, values);
  return [...ids.values()];
}

/**
 * Salesforce field history records changes, not the value a Lead was created with: that is the
 * OldValue of its first Status change, or its current Status when it never changed. Stored as a
 * `property` change at the creation time.
 */
export async function settleLeadCreationStatus(
  db: Database,
  scope: SyncScope,
  leadsToSettle: { crmId: string; currentStatus?: string | null }[],
): Promise<void> {
  if (leadsToSettle.length === 0) return;
  const rows = await selectRows<{ id: string; crm_id: string; created_at_crm: Date | string }>(
    db,
    byCrmIds(
      "leads",
      scope.connectionId,
      leadsToSettle.map((lead) => lead.crmId),
      "t.id, t.crm_id, t.created_at_crm",
    ),
  );
  if (rows.length === 0) return;
  // Index probes per lead (lateral): they stay index scans even while a bulk load has left the planner's
  // statistics behind (an `= any(…)` over 2,000 ids became a scan of the whole table on every page).
  const known = await selectRows<{
    id: string;
    has_history: boolean;
    first_previous: string | null;
    settled_count: number;
    settled_value: string | null;
    settled_at: Date | string | null;
  }>(
    db,
    sql`select e.id, h.entity_id is not null as has_history, h.previous_value as first_previous,
        s.n as settled_count, s.v as settled_value, s.t as settled_at
      from unnest(${sql.param(rows.map((row) => row.id))}::uuid[]) as e(id)
      left join lateral (select entity_id, previous_value from property_changes pc
        where pc.entity_id = e.id and pc.property = 'Status' and pc.provenance = 'history'
        order by pc.changed_at limit 1) h on true
      cross join lateral (select count(*)::int as n, min(p.value) as v, min(p.changed_at) as t from property_changes p
        where p.entity_id = e.id and p.property = 'Status' and p.provenance = 'property') s`,
  );
  const byId = new Map(known.map((row) => [row.id, row]));
  const current = new Map(leadsToSettle.map((lead) => [lead.crmId, lead.currentStatus]));
  const settled = rows.flatMap((row): ChangeRow[] => {
    const found = byId.get(row.id);
    const value = found?.has_history ? found.first_previous : current.get(row.crm_id);
    if (value === undefined) return [];
    const changedAt = new Date(row.created_at_crm);
    // Already settled to this value at this time: nothing to rewrite (a re-sync changes nothing).
    const same =
      found?.settled_count === 1 &&
      found.settled_value === value &&
      found.settled_at !== null &&
      new Date(found.settled_at).getTime() === changedAt.getTime();
    if (same) return [];
    return [{ entityKind: "lead", entityId: row.id, property: "Status", value, changedAt, provenance: "property" }];
  });
  if (settled.length === 0) return;
  // By row address found through index probes per lead: a join here was planned as a scan per page.
  await db.execute(sql`
    delete from property_changes where ctid = any(array(
      select p.ctid from unnest(${sql.param(settled.map((s) => s.entityId))}::uuid[]) as e(id)
      cross join lateral (select pc.ctid from property_changes pc
        where pc.entity_id = e.id and pc.property = 'Status' and pc.provenance = 'property' ${KEEP_LATERAL}) p))`);
  await insertChanges(db, scope.workspaceId, settled);
}

/**
 * Values the sync saw now: where one differs from the entity's latest change of that property,
 * it is stored as an `observed` change at the record's modification time (spec §2 provenance).
 */
export async function recordObservedValues(
  db: Database,
  scope: SyncScope,
  entityKind: "lead" | "deal",
  observed: { crmId: string; at: Date; values: Record<string, string | null> }[],
): Promise<string[]> {
  if (observed.length === 0) return [];
  const ids = await entityIdsByCrmId(
    db,
    scope,
    entityKind,
    observed.map((o) => o.crmId),
  );
  if (ids.size === 0) return [];
  const latest = await selectRows<{ entity_id: string; property: string; value: string | null }>(
    db,
    sql`select e.id as entity_id, l.property, l.value from unnest(${sql.param([...ids.values()])}::uuid[]) as e(id)
      join lateral (select distinct on (property) property, value from property_changes pc
        where pc.entity_id = e.id order by property, changed_at desc) l on true`,
  );
  const known = new Map(latest.map((row) => [`${row.entity_id}|${row.property}`, row.value]));
  const values = observed.flatMap((o) => {
    const entityId = ids.get(o.crmId);
    if (!entityId) return [];
    return Object.entries(o.values).flatMap(([property, value]): ChangeRow[] => {
      const key = `${entityId}|${property}`;
      if (known.has(key) && known.get(key) === value) return [];
      if (!known.has(key) && value === null) return [];
      return [{ entityKind, entityId, property, value, changedAt: o.at, provenance: "observed" }];
    });
  });
  await insertChanges(db, scope.workspaceId, values);
  return [...new Set(values.map((v) => v.entityId))];
}
