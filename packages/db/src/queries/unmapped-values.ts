import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { dataQualityProblems } from "../schema/sync.ts";

export interface UnmappedValueProblem {
  connectionId: string;
  crmId: string;
  object: "lead" | "deal";
  field: string;
  value: string;
}

/**
 * Makes the data-quality list of unmapped values match the latest recompute of some records:
 * current ones are upserted (first seen kept), ones a new mapping resolved are removed.
 */
export async function syncUnmappedValueProblems(
  db: Database,
  params: {
    workspaceId: string;
    recomputed: Array<{ object: "lead" | "deal"; crmId: string }>;
    problems: UnmappedValueProblem[];
  },
): Promise<void> {
  const { workspaceId } = params;
  const current = new Set(params.problems.map((p) => `${p.connectionId}|${p.object}|${p.crmId}|${p.field}|${p.value}`));
  for (const object of ["lead", "deal"] as const) {
    const crmIds = params.recomputed.filter((r) => r.object === object).map((r) => r.crmId);
    for (let i = 0; i < crmIds.length; i += 5_000) {
      const existing = await db
        .select()
        .from(dataQualityProblems)
        .where(
          and(
            eq(dataQualityProblems.workspaceId, workspaceId),
            eq(dataQualityProblems.kind, "unmapped_value"),
            eq(dataQualityProblems.object, object),
            inArray(dataQualityProblems.crmId, crmIds.slice(i, i + 5_000)),
          ),
        );
      const stale = existing.filter(
        (p) => !current.has(`${p.connectionId}|${p.object}|${p.crmId}|${p.field}|${p.value}`),
      );
      if (stale.length > 0)
        await db.delete(dataQualityProblems).where(
          inArray(
            dataQualityProblems.id,
            stale.map((p) => p.id),
          ),
        );
    }
  }
  for (let i = 0; i < params.problems.length; i += 1_000) {
    await db
      .insert(dataQualityProblems)
      .values(
        params.problems.slice(i, i + 1_000).map((p) => ({
          workspaceId,
          connectionId: p.connectionId,
          crmId: p.crmId,
          object: p.object,
          kind: "unmapped_value" as const,
          field: p.field,
          value: p.value,
          message: `${p.field}: no mapping for "${p.value}"; the record is kept and the value makes no transition`,
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
        set: { value: sql`excluded.value`, message: sql`excluded.message`, lastSeen: sql`now()` },
      });
  }
}
