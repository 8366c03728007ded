import type { Collection, Patch } from "../store.ts";
import { type HubspotRecord, type HubspotType, iso, lastModifiedProperty } from "./model.ts";
import type { PropertySchema } from "./schema.ts";

// Everything the HubSpot endpoints read, whether generated from the story or loaded from a fixture.
export interface HubspotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  type: "PERSON";
  teams: { id: string; name: string; primary: boolean }[];
}

export interface HubspotPipeline {
  id: string;
  label: string;
  displayOrder: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  stages: {
    id: string;
    label: string;
    displayOrder: number;
    archived: boolean;
    createdAt: string;
    updatedAt: string;
    writePermissions: string;
    metadata: { isClosed: string; probability: string };
  }[];
}

export interface HubspotDataset {
  portalId: number;
  collections: Record<HubspotType, Collection<HubspotRecord>>;
  associations(from: HubspotType, id: string, to: HubspotType): number[];
  owners: HubspotOwner[];
  pipelines: HubspotPipeline[];
  schema: PropertySchema;
}

export function applyHubspotPatch(type: HubspotType) {
  return (record: HubspotRecord, patch: Patch): HubspotRecord => {
    const next: HubspotRecord = { ...record, properties: { ...record.properties }, history: { ...record.history } };
    for (const [name, value] of Object.entries(patch.set ?? {})) {
      const text = value === null ? "" : String(value);
      next.properties[name] = value === null ? null : text;
      next.history[name] = [
        { value: text, timestamp: iso(patch.at), sourceType: "CRM_UI" },
        ...(next.history[name] ?? []),
      ];
    }
    if (patch.mergedFrom) {
      const merged = next.properties.hs_merged_object_ids;
      next.properties.hs_merged_object_ids = merged ? `${merged};${patch.mergedFrom}` : patch.mergedFrom;
    }
    if (patch.deleted || patch.mergedInto) next.archivedAt = patch.at;
    next.updatedAt = Math.max(next.updatedAt, patch.at);
    next.properties[lastModifiedProperty(type)] = iso(next.updatedAt);
    return next;
  };
}
