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
  // The data-quality table holds one row per (record, field): several unmapped values of one field share it.
  const byField = new Map<string, UnmappedValueProblem & { values: string[] }>();
  for (const u of params.unmapped) {
    const record = params.records.get(u.recordId);
    if (!record) continue;
    const key = `${record.connectionId}|${u.object}|${record.crmId}|${u.property}`;
    const found = byField.get(key);
    if (found) {
      if (!found.values.includes(u.value)) found.values.push(u.value);
    } else {
      byField.set(key, {
        connectionId: record.connectionId,
        crmId: record.crmId,
        object: u.object,
        field: u.property,
        value: u.value,
        values: [u.value],
      });
    }
  }
  const problems: UnmappedValueProblem[] = [...byField.values()].map(({ values, ...problem }) => ({
    ...problem,
    value: values.join(", "),
  }));
  const recomputed = [
    ...params.written.leadIds.map((id) => ({ object: "lead" as const, id })),
    ...params.written.dealIds.map((id) => ({ object: "deal" as const, id })),
  ].flatMap((r) => {
    const record = params.records.get(r.id);
    return record ? [{ object: r.object, crmId: record.crmId }] : [];
  });
  await syncUnmappedValueProblems(db, { workspaceId: params.workspaceId, recomputed, problems });
}
