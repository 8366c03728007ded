import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { HubspotDataset } from "./dataset.ts";
import { hubspotError, resolveType } from "./wire.ts";

// Pipelines, owners and property definitions: the metadata a connector reads before records.
export function listPipelines(data: HubspotDataset, objectType: string): SandboxResponse {
  if (objectType !== "deals" && objectType !== "0-3") return json(200, { results: [] });
  return json(200, { results: data.pipelines });
}

export function getPipeline(data: HubspotDataset, objectType: string, id: string): SandboxResponse {
  const pipeline = objectType === "deals" || objectType === "0-3" ? data.pipelines.find((p) => p.id === id) : undefined;
  return pipeline ? json(200, pipeline) : hubspotError(404, "OBJECT_NOT_FOUND", `Unable to find pipeline ${id}`);
}

export function listOwners(data: HubspotDataset, request: SandboxRequest): SandboxResponse {
  const q = request.url.searchParams;
  const limit = Math.min(Number(q.get("limit") ?? 100), 500);
  const offset = Number(q.get("after") ?? 0);
  const email = q.get("email");
  const archived = q.get("archived") === "true";
  const owners = data.owners.filter((o) => o.archived === archived && (!email || o.email === email));
  const body: Record<string, unknown> = { results: owners.slice(offset, offset + limit) };
  if (offset + limit < owners.length) {
    const link = new URL(request.url);
    link.searchParams.set("after", String(offset + limit));
    body.paging = { next: { after: String(offset + limit), link: link.toString() } };
  }
  return json(200, body);
}

export function getOwner(data: HubspotDataset, id: string): SandboxResponse {
  const owner = data.owners.find((o) => o.id === id);
  return owner ? json(200, owner) : hubspotError(404, "OBJECT_NOT_FOUND", `Unable to find owner ${id}`);
}

export function listProperties(data: HubspotDataset, typeName: string): SandboxResponse {
  const type = resolveType(typeName);
  if (typeof type !== "string") return type;
  const stamp = "2020-01-01T00:00:00Z";
  const results = [...data.schema[type].values()].map((def, displayOrder) => ({
    updatedAt: stamp,
    createdAt: stamp,
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: "",
    groupName: def.hubspotDefined === false ? "sandbox_custom" : `${type.slice(0, -1)}information`,
    options: (def.options ?? []).map((o, i) => ({ ...o, displayOrder: i, hidden: false })),
    displayOrder,
    calculated: false,
    externalOptions: def.name === "hubspot_owner_id" || def.name === "dealstage",
    archived: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: def.hubspotDefined !== false,
    modificationMetadata: { archivable: true, readOnlyDefinition: def.hubspotDefined !== false, readOnlyValue: false },
    formField: false,
  }));
  return json(200, { results });
}
