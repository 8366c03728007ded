import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { type DataQualityKind, dataQualityProblems } from "../schema/sync.ts";

export type DataQualityProblem = typeof dataQualityProblems.$inferSelect;

/** Records problems seen by a sync: a problem seen again keeps its first_seen and counts up. */
export async function recordDataQualityProblems(
  db: Database,
  params: {
    workspaceId: string;
    connectionId: string;
    problems: {
      crmId: string;
      object: string;
      kind: DataQualityKind | string;
      field: string;
      value: string | null;
      message: string;
    }[];
  },
): Promise<void> {
  // One row per identity within a statement (ON CONFLICT cannot touch a row twice).
  const unique = new Map(
    params.problems.map((p) => [`${p.object}|${p.crmId}|${p.kind}|${p.field}|${p.value ?? ""}`, p]),
  );
  if (unique.size === 0) return;
  await db
    .insert(dataQualityProblems)
    .values(
      [...unique.values()].map((p) => ({
        workspaceId: params.workspaceId,
        connectionId: params.connectionId,
        crmId: p.crmId,
        object: p.object,
        kind: p.kind as DataQualityKind,
        field: p.field,
        value: p.value,
        message: p.message,
      })),
    )
    .onConflictDoUpdate({
      target: [
        dataQualityProblems.connectionId,
        dataQualityProblems.object,
        dataQualityProblems.crmId,
        dataQualityProblems.kind,
        dataQualityProblems.field,
        dataQualityProblems.value,
      ],
      set: {
        value: sql`excluded.value`,
        message: sql`excluded.message`,
        lastSeen: sql`now()`,
        count: sql`${dataQualityProblems.count} + 1`,
      },
    });
}

export async function listDataQualityProblems(
  db: Database,
  params: { workspaceId: string; connectionId?: string; kind?: string; limit?: number; offset?: number },
): Promise<{ problems: DataQualityProblem[]; total: number; byKind: Record<string, number> }> {
  const filters = [eq(dataQualityProblems.workspaceId, params.workspaceId)];
  if (params.connectionId) filters.push(eq(dataQualityProblems.connectionId, params.connectionId));
  const byKindRows = await db
    .select({ kind: dataQualityProblems.kind, n: count() })
    .from(dataQualityProblems)
    .where(and(...filters))
    .groupBy(dataQualityProblems.kind);
  if (params.kind) filters.push(eq(dataQualityProblems.kind, params.kind as DataQualityKind));
  const problems = await db
    .select()
    .from(dataQualityProblems)
    .where(and(...filters))
    .orderBy(desc(dataQualityProblems.lastSeen), dataQualityProblems.crmId)
    .limit(params.limit ?? 100)
    .offset(params.offset ?? 0);
  const byKind = Object.fromEntries(byKindRows.map((row) => [row.kind, Number(row.n)]));
  const total = params.kind ? (byKind[params.kind] ?? 0) : Object.values(byKind).reduce((a, b) => a + b, 0);
  return { problems, total, byKind };
}
