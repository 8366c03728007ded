import type { Definitions } from "../definitions/types.ts";
import type { CanonicalStage, CrmKind, CrmObject, SourceCategory } from "../model.ts";

/** Service line of records with no (mapped) service-line value (spec §5). */
export const UNASSIGNED = "unassigned";

/**
 * Canonical stage of a CRM value, or null when unmapped. Values match exactly (CRM
 * internal ids are case-sensitive); a pipeline-specific entry wins over a `pipelineId: null` one.
 */
export function mapStage(
  defs: Definitions,
  crm: CrmKind,
  object: CrmObject,
  property: string,
  pipelineId: string | null,
  value: string | null,
): CanonicalStage | null {
  if (value === null || value === "") return null;
  let fallback: CanonicalStage | null = null;
  for (const entry of defs.stageMapping) {
    if (entry.crm !== crm || entry.object !== object || entry.property !== property || entry.value !== value) continue;
    if (entry.pipelineId !== null && entry.pipelineId === pipelineId) return entry.stage;
    if (entry.pipelineId === null) fallback ??= entry.stage;
  }
  return fallback;
}

/** Properties that take part in stage derivation for a CRM object (the mapped candidates). */
export function mappedProperties(defs: Definitions, crm: CrmKind, object: CrmObject): Set<string> {
  return new Set(defs.stageMapping.filter((e) => e.crm === crm && e.object === object).map((e) => e.property));
}

export interface MappedValue<T> {
  value: T;
  /** The raw value when it was present but had no mapping (data-quality page). */
  unmapped: string | null;
}

/** Service-line key of a raw value; missing or unmapped → `unassigned` (unmapped raw values are reported). */
export function mapServiceLine(defs: Definitions, crm: CrmKind, raw: string | null): MappedValue<string> {
  if (raw === null || raw === "") return { value: UNASSIGNED, unmapped: null };
  const entry = defs.serviceLineMap.find((e) => e.crm === crm && e.value === raw);
  return entry ? { value: entry.serviceLine, unmapped: null } : { value: UNASSIGNED, unmapped: raw };
}

/** Source category of a raw value; missing or unmapped → `other` (unmapped raw values are reported). */
export function mapSourceCategory(defs: Definitions, crm: CrmKind, raw: string | null): MappedValue<SourceCategory> {
  if (raw === null || raw === "") return { value: "other", unmapped: null };
  const entry = defs.sourceCategoryMap.find((e) => e.crm === crm && e.value === raw);
  return entry ? { value: entry.category, unmapped: null } : { value: "other", unmapped: raw };
}
