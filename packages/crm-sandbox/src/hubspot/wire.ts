import { correlationId, json, type SandboxResponse } from "../http.ts";
import {
  DEFAULT_PROPERTIES,
  type HistoryEntry,
  type HubspotRecord,
  type HubspotType,
  hubspotType,
  iso,
} from "./model.ts";
import type { PropertySchema } from "./schema.ts";

// The JSON shapes HubSpot answers with: records and the one error body every failure uses.
export function hubspotError(
  status: number,
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): SandboxResponse {
  return json(status, { status: "error", message, correlationId: correlationId(), category, ...extra }, headers);
}

const ALWAYS: Record<HubspotType, string[]> = {
  contacts: ["createdate", "hs_object_id", "lastmodifieddate"],
  deals: ["createdate", "hs_lastmodifieddate", "hs_object_id"],
  calls: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
  emails: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
  meetings: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
};

export interface Selection {
  properties?: string[];
  propertiesWithHistory?: string[];
}

/** Query values may repeat (`properties=a&properties=b`) or be comma-joined (`properties=a,b`). */
export function listParam(values: string[]): string[] | undefined {
  const names = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

export function toWire(
  type: HubspotType,
  record: HubspotRecord,
  schema: PropertySchema,
  selection: Selection,
): Record<string, unknown> {
  const known = schema[type];
  const names = new Set([...(selection.properties ?? DEFAULT_PROPERTIES[type]), ...ALWAYS[type]]);
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) {
    if (known.has(name) || name in record.properties) properties[name] = record.properties[name] ?? null;
  }
  const wire: Record<string, unknown> = { id: record.id, properties };
  if (selection.propertiesWithHistory) {
    const history: Record<string, HistoryEntry[]> = {};
    for (const name of selection.propertiesWithHistory) {
      if (!known.has(name) && !(name in record.properties)) continue;
      const value = record.properties[name];
      history[name] =
        record.history[name] ??
        (value == null ? [] : [{ value, timestamp: iso(record.createdAt), sourceType: "CRM_UI" }]);
    }
    wire.propertiesWithHistory = history;
  }
  wire.createdAt = iso(record.createdAt);
  wire.updatedAt = iso(record.updatedAt);
  wire.archived = record.archivedAt !== null;
  if (record.archivedAt !== null) wire.archivedAt = iso(record.archivedAt);
  return wire;
}

export function resolveType(name: string): HubspotType | SandboxResponse {
  return hubspotType(name) ?? hubspotError(400, "VALIDATION_ERROR", `Unable to infer object type from: ${name}`);
}
