import { type SQL, sql } from "drizzle-orm";

/** Postgres element types the bulk writes use. */
type ElementType = "text" | "uuid" | "timestamptz" | "boolean" | "float8" | "int4";

/** One column of a bulk write: its name, element type and one value per row. */
export type BulkColumn = [name: string, type: ElementType, values: readonly unknown[]];

/**
 * Rows as one array parameter per column: `select … from unnest($1::text[], $2::timestamptz[], …) as u(a, b, …)`.
 * A page of 2,000 rows is one statement with a handful of parameters instead of one per cell, which drizzle's
 * builder and Postgres' parser both pay for per row (it was most of a sync's CPU).
 */
export function unnestRows(columns: BulkColumn[]): SQL {
  const arrays = columns.map(([, type, values]) => sql`${sql.param(values.map(toDriver))}::${sql.raw(type)}[]`);
  const names = sql.raw(columns.map(([name]) => name).join(", "));
  return sql`select * from unnest(${sql.join(arrays, sql`, `)}) as u(${names})`;
}

/** `column = any($1::type[])`: one parameter however many values (instead of `in ($1, …, $n)`). */
export function anyOf(column: SQL | SQL.Aliased | unknown, type: ElementType, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param(values.map(toDriver))}::${sql.raw(type)}[])`;
}

/**
 * `offset 0` keeps a lateral subquery a subquery: without it the planner pulls it up into a plain join and, from
 * statistics of a table a bulk load is growing, hashes the whole table once per page instead of probing its index.
 */
export const KEEP_LATERAL = sql.raw("offset 0");

/**
 * Rows of a connection's leads or deals by CRM id, as index probes per id (a `crm_id = any(…)` filter over 2,000
 * ids was planned as a scan of every lead on each page). `columns` are read from the table aliased `t`.
 */
export function byCrmIds(
  table: "leads" | "deals",
  connectionId: string,
  crmIds: readonly string[],
  columns: string,
): SQL {
  return sql`select ${sql.raw(columns)} from unnest(${sql.param([...new Set(crmIds)])}::text[]) as w(crm_id)
    cross join lateral (select ${sql.raw(columns)} from ${sql.raw(table)} t
      where t.connection_id = ${connectionId} and t.crm_id = w.crm_id ${KEEP_LATERAL}) t`;
}

/** Dates as ISO strings: both drivers then send the same text, whatever the process's time zone. */
function toDriver(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** The rows of a raw statement, whichever driver ran it (node-postgres and PGlite both answer `{ rows }`). */
export async function selectRows<Row>(db: { execute(query: SQL): Promise<unknown> }, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as { rows?: Row[] };
  return result.rows ?? [];
}

/** The tables a sync fills. */
const CRM_RECORD_TABLES = ["leads", "deals", "activities", "property_changes", "crm_lead_deal_links", "lead_deals"];

/**
 * Refreshes the planner's statistics of the tables a sync fills. A first sync grows them from nothing faster
 * than autovacuum looks; with statistics of an empty table the planner joins a page of 2,000 ids against
 * property_changes by scanning the whole table once per id.
 */
export async function analyzeCrmRecords(
  db: { execute(query: SQL): Promise<unknown> },
  /** Only these of them (those written since the last refresh); all when absent. */
  tables?: Iterable<string>,
): Promise<void> {
  const only = tables ? new Set(tables) : undefined;
  const chosen = only ? CRM_RECORD_TABLES.filter((table) => only.has(table)) : CRM_RECORD_TABLES;
  if (chosen.length > 0) await db.execute(sql.raw(`analyze ${chosen.join(", ")}`));
}

/**
 * This transaction's commit does not wait for its WAL flush. Safe for a sync page: the page and the cursor
 * that covers it commit together, and a server crash can lose only the newest commits, never an older one
 * alone, so the sync resumes from a cursor that matches the data (it re-reads the lost pages).
 */
export async function commitWithoutFlushWait(tx: { execute(query: SQL): Promise<unknown> }): Promise<void> {
  await tx.execute(sql`set local synchronous_commit = off`);
}
