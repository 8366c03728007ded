import type { BuiltFacts, DealRecord, LeadRecord } from "@revops/core";
import type { Database, UnmappedValueProblem } from "@revops/db";
import { syncUnmappedValueProblems } from "@revops/db";

/** Unmapped stage, service-line and source values of recomputed records go to the data-quality page. */
export async function recordUnmappedValues(
  db: Database,
  params: {
    workspaceId: string;
    unmapped: BuiltFacts["unmapped"];
    records: Map<string, LeadRecord | DealRecord>;
    written: { leadIds: string[]; dealIds: string[] };
  },
): Promise<void> {
  // One data-quality row per (record, field, value); the same value seen twice in a history is one row.
  const byValue = new Map<string, UnmappedValueProblem>();
  for (const u of params.unmapped) {
    const record = params.records.get(u.recordId);
    if (!record) continue;
    byValue.set(`${record.connectionId}|${u.object}|${record.crmId}|${u.property}|${u.value}`, {
      connectionId: record.connectionId,
      crmId: record.crmId,
      object: u.object,
      field: u.property,
      value: u.value,
    });
  }
  const problems = [...byValue.values()];
  const recomputed = [
    ...params.written.leadIds.map((id) => ({ object: "lead" as const, id })),
    ...params.written.dealIds.map((id) => ({ object: "deal" as const, id })),
  ].flatMap((r) => {
    const record = params.records.get(r.id);
    return record ? [{ object: r.object, crmId: record.crmId }] : [];
  });
  await syncUnmappedValueProblems(db, { workspaceId: params.workspaceId, recomputed, problems });
}
