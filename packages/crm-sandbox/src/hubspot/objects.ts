import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { View } from "../store.ts";
import { associated } from "./associations.ts";
import type { HubspotDataset } from "./dataset.ts";
import { associationTypeId, type HubspotType, hubspotType } from "./model.ts";
import { hubspotError, listParam, resolveType, toWire } from "./wire.ts";

// GET /crm/v3/objects/{type}, GET /crm/v3/objects/{type}/{id}, POST /crm/v3/objects/{type}/batch/read.
const MAX_PAGE = 100;
const MAX_PAGE_WITH_HISTORY = 50;

export function listObjects(
  data: HubspotDataset,
  view: View,
  request: SandboxRequest,
  typeName: string,
): SandboxResponse {
  const type = resolveType(typeName);
  if (typeof type !== "string") return type;
  const q = request.url.searchParams;
  const limit = Number(q.get("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    return hubspotError(400, "VALIDATION_ERROR", `limit must be between 1 and ${MAX_PAGE}, got ${q.get("limit")}`);
  }
  const properties = listParam(q.getAll("properties"));
  const propertiesWithHistory = listParam(q.getAll("propertiesWithHistory"));
  const pageSize = propertiesWithHistory ? Math.min(limit, MAX_PAGE_WITH_HISTORY) : limit;
  const archived = q.get("archived") === "true";
  const associations = listParam(q.getAll("associations"))
    ?.map(hubspotType)
    .filter((t) => t !== undefined);
  const collection = data.collections[type];
  const count = collection.visibleCount(view);
  const after = q.get("after");
  let index = after ? collection.source.indexOf(after) : 0;
  if (index < 0) return hubspotError(400, "VALIDATION_ERROR", `Invalid after: ${after}`);
  const results: Record<string, unknown>[] = [];
  for (; index < count && results.length < pageSize; index++) {
    const record = collection.at(index, view);
    if ((record.archivedAt !== null) !== archived) continue;
    const wire = toWire(type, record, data.schema, { properties, propertiesWithHistory });
    if (associations?.length) wire.associations = associationsOf(data, view, type, record.id, associations);
    results.push(wire);
  }
  // Skip trailing records that this page would not return, so the last page has no `next`.
  while (index < count && (collection.at(index, view).archivedAt !== null) !== archived) index++;
  const body: Record<string, unknown> = { results };
  if (index < count) {
    const next = collection.source.idAt(index);
    const link = new URL(request.url);
    link.searchParams.set("after", next);
    body.paging = { next: { after: next, link: link.toString() } };
  }
  return json(200, body);
}

function associationsOf(data: HubspotDataset, view: View, from: HubspotType, id: string, types: HubspotType[]) {
  const out: Record<string, unknown> = {};
  for (const to of types) {
    const ids = associated(data, view, from, id, to).map((a) => a.toObjectId);
    if (!ids.length) continue;
    const label = `${from.slice(0, -1)}_to_${to.slice(0, -1)}`;
    out[to] = { results: ids.map((toId) => ({ id: String(toId), type: label, typeId: associationTypeId(from, to) })) };
  }
  return out;
}

export function getObject(
  data: HubspotDataset,
  view: View,
  request: SandboxRequest,
  typeName: string,
  id: string,
): SandboxResponse {
  const type = resolveType(typeName);
  if (typeof type !== "string") return type;
  const q = request.url.searchParams;
  const archived = q.get("archived") === "true";
  const record = data.collections[type].find(id, view);
  if (!record || (record.archivedAt !== null) !== archived) {
    return hubspotError(404, "OBJECT_NOT_FOUND", "resource not found");
  }
  const selection = {
    properties: listParam(q.getAll("properties")),
    propertiesWithHistory: listParam(q.getAll("propertiesWithHistory")),
  };
  return json(200, toWire(type, record, data.schema, selection));
}

interface BatchReadBody {
  inputs?: { id?: unknown }[];
  properties?: string[];
  propertiesWithHistory?: string[];
  idProperty?: string;
}

export function batchRead(
  data: HubspotDataset,
  view: View,
  request: SandboxRequest,
  typeName: string,
): SandboxResponse {
  const type = resolveType(typeName);
  if (typeof type !== "string") return type;
  const body = request.body as BatchReadBody | undefined;
  if (!body || !Array.isArray(body.inputs)) {
    return hubspotError(400, "VALIDATION_ERROR", "Invalid input JSON: Some required fields were not set: [inputs]");
  }
  if (body.inputs.length > 100) return hubspotError(400, "VALIDATION_ERROR", "Batch input must have at most 100 items");
  const archived = request.url.searchParams.get("archived") === "true";
  const startedAt = new Date().toISOString();
  const results: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const input of body.inputs) {
    const id = String(input.id ?? "");
    const record = data.collections[type].find(id, view);
    if (!record || (record.archivedAt !== null) !== archived) missing.push(id);
    else results.push(toWire(type, record, data.schema, body));
  }
  const response: Record<string, unknown> = {
    status: "COMPLETE",
    results,
    startedAt,
    completedAt: new Date().toISOString(),
  };
  if (!missing.length) return json(200, response);
  const name = type.slice(0, -1).toUpperCase();
  response.numErrors = 1;
  response.errors = [
    {
      status: "error",
      category: "OBJECT_NOT_FOUND",
      message: `Could not get some ${name} objects, they may be deleted or not exist. Check that ids are valid.`,
      context: { ids: missing },
    },
  ];
  return json(207, response);
}
