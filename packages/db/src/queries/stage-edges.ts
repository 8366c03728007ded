import { shiftWeek, weekBounds, weekOf } from "@revops/core";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { countOpenSpans, type OpenStageCount } from "./review-facts.ts";

type Executor = Pick<Database, "execute">;
type Row = Record<string, unknown>;
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows;
const EDGES = ["enter", "leave", "stall", "stall_leave"] as const;
type Edge = (typeof EDGES)[number];

/** Every week end (in the zone) from the one at or after `from` to the one at or after `to`, ascending. */
function weekEndsCovering(from: Date, to: Date, timeZone: string): Date[] {
  const ends: Date[] = [];
  let week = weekOf(new Date(from.getTime() - 1), timeZone);
  for (;;) {
    const { end } = weekBounds(week, timeZone);
    ends.push(end);
    if (end >= to) return ends;
    week = shiftWeek(week, 1);
  }
}

/** The four edges of the spans a filter picks, each with its instant (µs-free: facts come from JS dates). */
const edgesOf = (filter: SQL) => sql`
  select service_line, entity_kind, stage, 'enter' as edge, entered_at as x from stage_span_facts where ${filter}
  union all select service_line, entity_kind, stage, 'leave', left_at from stage_span_facts where ${filter} and left_at is not null
  union all select service_line, entity_kind, stage, 'stall', stall_deadline_at from stage_span_facts
    where ${filter} and stall_deadline_at is not null
  union all select service_line, entity_kind, stage, 'stall_leave', greatest(stall_deadline_at, left_at) from stage_span_facts
    where ${filter} and stall_deadline_at is not null and left_at is not null`;

/**
 * Adds (sign 1) or removes (sign −1) the edges of the spans a filter picks, bucketed by the
 * first week end at or after each instant: call with −1 before deleting spans, 1 after inserting.
 */
export async function shiftStageEdges(
  db: Executor,
  params: { workspaceId: string; timeZone: string; filter: SQL; sign: 1 | -1 },
): Promise<void> {
  const span = rowsOf(await db.execute(sql`select min(x) as lo, max(x) as hi from (${edgesOf(params.filter)}) e`))[0];
  if (!span || span.lo === null || span.lo === undefined) return;
  const ends = weekEndsCovering(new Date(span.lo as string), new Date(span.hi as string), params.timeZone);
  const bounds = `{${ends.map((e) => e.toISOString()).join(",")}}`;
  // width_bucket counts the ends < x (x − 1 ms ≥ end ⟺ end < x): the next one is x's week end.
  await db.execute(sql`
    insert into stage_edge_weeks (workspace_id, service_line, entity_kind, stage, edge, week_end, n)
    select ${params.workspaceId}, service_line, entity_kind, stage, edge,
      (${bounds}::timestamptz[])[width_bucket(x - interval '1 millisecond', ${bounds}::timestamptz[]) + 1] as week_end,
      ${params.sign}::int * count(*)::int
    from (${edgesOf(params.filter)}) e
    group by service_line, entity_kind, stage, edge, week_end
    on conflict (workspace_id, week_end, service_line, entity_kind, stage, edge)
      do update set n = stage_edge_weeks.n + excluded.n`);
}

/** The edges of the spans of some leads and deals, added or removed (chunks of 5,000 ids). */
export async function shiftEntityStageEdges(
  db: Executor,
  params: {
    workspaceId: string;
    timeZone: string;
    leadIds: readonly string[];
    dealIds: readonly string[];
    sign: 1 | -1;
  },
): Promise<void> {
  for (const [kind, ids] of [
    ["lead", params.leadIds],
    ["deal", params.dealIds],
  ] as const) {
    for (let i = 0; i < ids.length; i += 5_000) {
      const chunk = sql`array[${sql.join(
        ids.slice(i, i + 5_000).map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`;
      const filter = sql`workspace_id = ${params.workspaceId} and entity_kind = ${kind} and entity_id = any(${chunk})`;
      await shiftStageEdges(db, { ...params, filter });
    }
  }
}

/** Rebuilds a workspace's edge counts from its spans in the zone's weeks, and marks them usable for that zone. */
export async function rebuildStageEdges(db: Database, params: { workspaceId: string; timeZone: string }) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from stage_edge_weeks where workspace_id = ${params.workspaceId}`);
    await shiftStageEdges(tx, { ...params, filter: sql`workspace_id = ${params.workspaceId}`, sign: 1 });
    await tx.execute(
      sql`update facts_state set edges_timezone = ${params.timeZone} where workspace_id = ${params.workspaceId}`,
    );
  });
}

/**
 * Open and stalled counts at each instant (the same figures as `countOpenSpans`): sums of the
 * weekly edge counts up to the last week boundary ≤ the instant, plus the edges of the spans
 * between that boundary and the instant. Counted from the spans when the edges were built for
 * another zone (a definitions change not yet recomputed).
 */
export async function countOpenSpansAt(
  db: Database,
  params: { workspaceId: string; at: Date[]; timeZone: string },
): Promise<OpenStageCount[]> {
  if (params.at.length === 0) return [];
  const state = rowsOf(
    await db.execute(sql`select edges_timezone from facts_state where workspace_id = ${params.workspaceId}`),
  )[0];
  if (state?.edges_timezone !== params.timeZone) return countOpenSpans(db, params);
  const cutoffs = [...new Set(params.at.map((a) => a.getTime()))].sort((a, b) => a - b).map((t) => new Date(t));
  const boundaries = cutoffs.map((c) => weekBounds(weekOf(c, params.timeZone), params.timeZone).start);
  if (boundaries.some((b, i) => b > (cutoffs[i] as Date))) return countOpenSpans(db, params);
  const sums = sql.join(
    boundaries.map(
      (b, i) =>
        sql`coalesce(sum(n) filter (where week_end <= ${b.toISOString()}::timestamptz), 0)::int as c${sql.raw(String(i))}`,
    ),
    sql`, `,
  );
  const weekly = rowsOf(
    await db.execute(sql`select service_line, entity_kind, stage, edge, ${sums} from stage_edge_weeks
      where workspace_id = ${params.workspaceId} group by service_line, entity_kind, stage, edge`),
  );
  const groups = new Map<
    string,
    { serviceLine: string; entityKind: "lead" | "deal"; stage: string; counts: Record<Edge, number[]> }
  >();
  const group = (row: Row) => {
    const key = `${row.service_line}|${row.entity_kind}|${row.stage}`;
    let found = groups.get(key);
    if (!found) {
      const zeros = () => cutoffs.map(() => 0);
      found = {
        serviceLine: String(row.service_line),
        entityKind: row.entity_kind as "lead" | "deal",
        stage: String(row.stage),
        counts: { enter: zeros(), leave: zeros(), stall: zeros(), stall_leave: zeros() },
      };
      groups.set(key, found);
    }
    return found;
  };
  for (const row of weekly) {
    const counts = group(row).counts[row.edge as Edge];
    cutoffs.forEach((_, i) => {
      counts[i] = (counts[i] ?? 0) + Number(row[`c${i}`]);
    });
  }
  // Cutoffs inside a week (asOf): the edges after the week's start, up to the cutoff, from the spans.
  for (const [i, cutoff] of cutoffs.entries()) {
    const from = boundaries[i] as Date;
    if (from.getTime() === cutoff.getTime()) continue;
    const inside = (column: SQL) =>
      sql`workspace_id = ${params.workspaceId} and ${column} > ${from.toISOString()}::timestamptz and ${column} <= ${cutoff.toISOString()}::timestamptz`;
    const partial = rowsOf(
      await db.execute(sql`
        select service_line, entity_kind, stage, 'enter' as edge, count(*)::int as n from stage_span_facts
          where ${inside(sql`entered_at`)} group by 1, 2, 3
        union all select service_line, entity_kind, stage, 'leave', count(*)::int from stage_span_facts
          where ${inside(sql`left_at`)} group by 1, 2, 3
        union all select service_line, entity_kind, stage, 'stall', count(*)::int from stage_span_facts
          where ${inside(sql`stall_deadline_at`)} and stall_deadline_at is not null group by 1, 2, 3
        union all select service_line, entity_kind, stage, 'stall_leave', count(*)::int from stage_span_facts
          where ${inside(sql`greatest(stall_deadline_at, left_at)`)} and stall_deadline_at is not null and left_at is not null
          group by 1, 2, 3`),
    );
    for (const row of partial) {
      const counts = group(row).counts[row.edge as Edge];
      counts[i] = (counts[i] ?? 0) + Number(row.n);
    }
  }
  const out: OpenStageCount[] = [];
  for (const g of groups.values()) {
    cutoffs.forEach((at, i) => {
      const open = (g.counts.enter[i] ?? 0) - (g.counts.leave[i] ?? 0);
      const stalled = (g.counts.stall[i] ?? 0) - (g.counts.stall_leave[i] ?? 0);
      if (open > 0)
        out.push({ at, serviceLine: g.serviceLine, entityKind: g.entityKind, stage: g.stage, open, stalled });
    });
  }
  return out;
}
