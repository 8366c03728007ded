import type { SalesforceRecord } from "../generator/salesforce.ts";
import type { Collection, Patch } from "../store.ts";
import { type FieldDefinition, SOBJECTS, type SObjectName, sfDateTime } from "./schema.ts";

// Everything the Salesforce endpoints read, whether generated from the story or loaded from a fixture.
export interface SalesforceDataset {
  collections: Record<SObjectName, Collection<SalesforceRecord>>;
  fields: Record<SObjectName, Map<string, FieldDefinition>>;
}

export function fieldIndex(
  schema: Record<SObjectName, FieldDefinition[]>,
): Record<SObjectName, Map<string, FieldDefinition>> {
  const out = {} as Record<SObjectName, Map<string, FieldDefinition>>;
  for (const name of SOBJECTS) out[name] = new Map(schema[name].map((f) => [f.name.toLowerCase(), f]));
  return out;
}

export function sobjectName(name: string): SObjectName | undefined {
  return SOBJECTS.find((s) => s.toLowerCase() === name.toLowerCase());
}

export function applySalesforcePatch(record: SalesforceRecord, patch: Patch): SalesforceRecord {
  const next: SalesforceRecord = { ...record, ...(patch.set ?? {}) };
  if (patch.deleted || patch.mergedInto) next.IsDeleted = true;
  if (patch.mergedInto) next.MasterRecordId = patch.mergedInto;
  if ("SystemModstamp" in record) next.SystemModstamp = sfDateTime(patch.at);
  if ("LastModifiedDate" in record) next.LastModifiedDate = sfDateTime(patch.at);
  return next;
}
