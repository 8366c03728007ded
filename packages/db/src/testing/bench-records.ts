import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, type DatabaseHandle, openDatabase, openPglite } from "../client.ts";
import { migrateDatabase } from "../migrate.ts";

/**
 * Direct generator of canonical HubSpot-shaped records: `bench:review --data sql`, faster than its default
 * (the CRM sandbox loaded by a real sync). Deterministic: every choice is a hash of the lead number.
 * Leads are spread over 60 weeks from Monday 2025-01-06; 70% become MQL, then 60% are
 * accepted (40% of those reach SQL and get a deal), 25% rejected (30% of them re-qualify
 * a week later: a second cycle). Five activities per MQL lead, some automated or before the MQL.
 */
export async function generateBenchRecords(
  db: Database,
  params: { workspaceId: string; connectionId: string; leads: number },
) {
  const { workspaceId: ws, connectionId: conn, leads: n } = params;
  // r(i, k): a stable pseudo-random number in 0..999.
  const r = (k: number) => sql.raw(`(abs(hashint8(g.i * 16 + ${k})) % 1000)`);
  const created = sql.raw(
    `(timestamptz '2025-01-06T00:00:00Z' + (g.i::float8 * ${60 * 7 * 86400} / ${n}) * interval '1 second')`,
  );
  const batch = 100_000;
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    const series = sql.raw(`generate_series(${from}, ${to}) as g(i)`);
    // Each lead's story as one row of instants (null = did not happen).
    const story = sql`
      select g.i, md5('L' || g.i)::uuid as lead_id, md5('D' || g.i)::uuid as deal_id, ${created} as created_at,
        case when ${r(1)} < 700 then ${created} + (${r(2)} * 2.88) * interval '1 minute' end as mql_at,
        ${r(3)} as fate, ${r(4)} as delay, ${r(5)} as requalify, ${r(6)} as converts, ${r(7)} as progress, ${r(8)} as outcome,
        ${r(9)} as amount_seed, ${r(11)} as line
      from ${series}`;
    await db.execute(sql`
      insert into leads (id, workspace_id, connection_id, crm, crm_id, owner_crm_id, service_line_raw, source_raw, tier, created_at_crm)
      select lead_id, ${ws}, ${conn}, 'hubspot', i::text, 'owner-' || (i % 40),
        (array['Cloud', 'Data', 'Security', 'Other'])[1 + line % 4], (array['Web', 'Outbound', 'Partner'])[1 + line % 3],
        (array['A', 'B', 'C'])[1 + i % 3], created_at
      from (${story}) s`);
    await db.execute(sql`
      with s as (${story}),
      accepted as (select s.*, mql_at + (delay * 4.32) * interval '1 minute' as decided_at from s where mql_at is not null),
      changes (entity_id, property, value, at) as (
        select lead_id, 'lifecyclestage', 'lead', created_at from s
        union all select lead_id, 'lifecyclestage', 'marketingqualifiedlead', mql_at from s where mql_at is not null
        union all select lead_id, 'hs_lead_status', case when fate < 600 then 'IN_PROGRESS' else 'UNQUALIFIED' end, decided_at
          from accepted where fate < 850
        union all select lead_id, 'lifecyclestage', 'marketingqualifiedlead', decided_at + interval '7 days'
          from accepted where fate >= 600 and fate < 850 and requalify < 300
        union all select lead_id, 'lifecyclestage', 'salesqualifiedlead', decided_at + interval '1 day'
          from accepted where fate < 600 and converts < 400
      )
      insert into property_changes (workspace_id, entity_kind, entity_id, property, value, changed_at, provenance)
      select ${ws}, 'lead', entity_id, property, value, at, 'history' from changes`);
    await db.execute(sql`
      with s as (${story}),
      deal as (
        select s.*, mql_at + (delay * 4.32) * interval '1 minute' + interval '1 day 1 hour' as opened_at from s
        where mql_at is not null and fate < 600 and converts < 400
      )
      insert into deals (id, workspace_id, connection_id, crm, crm_id, pipeline_id, owner_crm_id, service_line_raw, source_raw, created_at_crm)
      select deal_id, ${ws}, ${conn}, 'hubspot', 'd' || i, 'default', 'owner-' || (i % 40), null, null, opened_at from deal`);
    await db.execute(sql`
      insert into lead_deals (workspace_id, lead_id, deal_id)
      select ${ws}, md5('L' || g.i)::uuid, d.id from ${series} join deals d on d.id = md5('D' || g.i)::uuid`);
    await db.execute(sql`
      with d as (
        select g.i, d.id, d.created_at_crm as opened_at, ${r(7)} as progress, ${r(8)} as outcome, ${r(9)} as amount_seed
        from ${series} join deals d on d.id = md5('D' || g.i)::uuid
      ),
      changes (entity_id, property, value, at) as (
        select id, 'dealstage', 'appointmentscheduled', opened_at from d
        union all select id, 'amount', (1000 + amount_seed * 50)::text, opened_at from d
        union all select id, 'closedate', to_char(opened_at + interval '60 days', 'YYYY-MM-DD'), opened_at from d
        union all select id, 'dealstage', 'presentationscheduled', opened_at + interval '5 days' from d where progress < 700
        union all select id, 'amount', (2000 + amount_seed * 40)::text, opened_at + interval '10 days' from d where amount_seed < 300
        union all select id, 'dealstage', 'contractsent', opened_at + interval '12 days' from d where progress < 500
        union all select id, 'dealstage', case when outcome < 600 then 'closedwon' else 'closedlost' end, opened_at + interval '20 days'
          from d where progress < 500 and outcome < 900
        union all select id, 'closedate', to_char(opened_at + interval '20 days', 'YYYY-MM-DD'), opened_at + interval '20 days'
          from d where progress < 500 and outcome < 900
      )
      insert into property_changes (workspace_id, entity_kind, entity_id, property, value, changed_at, provenance)
      select ${ws}, 'deal', entity_id, property, value, at, 'history' from changes`);
    await db.execute(sql`
      with s as (${story}),
      touches (lead_id, i, k, kind, direction, automated, at) as (
        select lead_id, i, k,
          (array['email', 'call', 'email', 'meeting', 'email'])[k + 1],
          (array['outbound', 'outbound', 'outbound', null, 'inbound'])[k + 1],
          k = 0,
          mql_at + ((abs(hashint8(i * 16 + 10 + k)) % 3000) - 600) * interval '1 minute'
        from s cross join generate_series(0, 4) as t(k) where mql_at is not null
      )
      insert into activities (workspace_id, connection_id, crm_id, lead_id, kind, direction, automated, occurred_at, owner_crm_id)
      select ${ws}, ${conn}, i || '-' || k, lead_id, kind, direction, automated, at, 'owner-' || (i % 40) from touches`);
  }
  await db.execute(sql`
    insert into pipeline_stages (workspace_id, connection_id, pipeline_id, stage_id, label, probability, is_closed, display_order)
    values (${ws}, ${conn}, 'default', 'appointmentscheduled', 'Appointment', 0.2, false, 0),
      (${ws}, ${conn}, 'default', 'presentationscheduled', 'Presentation', 0.6, false, 1),
      (${ws}, ${conn}, 'default', 'contractsent', 'Contract sent', 0.9, false, 2),
      (${ws}, ${conn}, 'default', 'closedwon', 'Won', 1, true, 3),
      (${ws}, ${conn}, 'default', 'closedlost', 'Lost', 0, true, 4)`);
  await db.execute(sql`analyze`);
}

/**
 * A fresh migrated database for a benchmark: in-memory PGlite, or a new Postgres database dropped on close.
 * `keep` names a Postgres database to keep between runs instead: created (or reused) and never dropped.
 */
export async function openBenchDatabase(
  kind: "pglite" | "postgres",
  server: string,
  options: { keep?: string } = {},
): Promise<DatabaseHandle> {
  if (kind === "pglite") {
    const handle = await openPglite("memory://bench");
    await migrateDatabase(handle);
    return handle;
  }
  const name = options.keep ?? `revops_bench_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  if (options.keep && !/^[a-z_][a-z0-9_]*$/.test(options.keep)) throw new Error(`not a database name: ${options.keep}`);
  const exists = async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    } finally {
      await client.end();
    }
  };
  if (!options.keep || !(await exists())) await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), dataDir: "", poolSize: 4 });
  await migrateDatabase(handle);
  if (options.keep) return handle;
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Empties a workspace's settled-week review cache: the next review computes every week by the exact path (cold). */
export async function clearReviewWeekCache(db: Database, workspaceId: string): Promise<void> {
  await db.execute(sql`delete from review_week_cache where workspace_id = ${workspaceId}`);
}

export async function countRows(db: Database, table: string): Promise<number> {
  const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
    rows: Array<{ n: number }>;
  };
  return Number(result.rows[0]?.n);
}

/** `count` of the workspace's live leads in a fixed order spread over the whole history (hash of the id). */
export async function sampleBenchLeads(
  db: Database,
  params: { workspaceId: string; count: number },
): Promise<Array<{ id: string; crmId: string }>> {
  const result = (await db.execute(sql`
    select id, crm_id from leads where workspace_id = ${params.workspaceId} and deleted_at is null
    order by md5(id::text) limit ${params.count}`)) as unknown as { rows: Array<{ id: string; crm_id: string }> };
  return result.rows.map((r) => ({ id: r.id, crmId: r.crm_id }));
}

/**
 * What an incremental sync of `count` changed leads looks like: one new status change each (already
 * there when a kept database is measured again: the same leads are still recomputed). Returns their ids.
 */
export async function touchBenchLeads(
  db: Database,
  params: { workspaceId: string; count: number; at: Date },
): Promise<string[]> {
  const ids = (await sampleBenchLeads(db, params)).map((r) => r.id);
  await db.execute(sql`
    insert into property_changes (workspace_id, entity_kind, entity_id, property, value, changed_at, provenance)
    select ${params.workspaceId}, 'lead', id, 'hs_lead_status', 'CONNECTED', ${params.at}, 'observed'
    from leads where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    on conflict do nothing`);
  return ids;
}

/** The records came from a (simulated) successful full sync: freshness reads it like a real one. */
export async function recordBenchSyncRun(
  db: Database,
  params: { workspaceId: string; connectionId: string },
): Promise<void> {
  await db.execute(sql`
    insert into sync_runs (workspace_id, connection_id, mode, reason, status, finished_at)
    values (${params.workspaceId}, ${params.connectionId}::uuid, 'full', 'manual', 'succeeded', now())`);
}
