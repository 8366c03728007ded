import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { View } from "../store.ts";
import type { HubspotDataset } from "./dataset.ts";
import { associationTypeId, type HubspotAssociation, type HubspotType } from "./model.ts";
import { hubspotError, resolveType } from "./wire.ts";

// Associations v4 between contacts, deals and engagements (only live, non-archived records on both ends).
export function associated(
  data: HubspotDataset,
  view: View,
  from: HubspotType,
  id: string,
  to: HubspotType,
): HubspotAssociation[] {
  const source = data.collections[from].find(id, view);
  if (!source || source.archivedAt !== null) return [];
  const typeId = associationTypeId(from, to);
  return data
    .associations(from, id, to)
    .filter((toId) => {
      const target = data.collections[to].find(String(toId), view);
      return target !== undefined && target.archivedAt === null;
    })
    .map((toObjectId) => ({ toObjectId, associationTypes: [{ category: "HUBSPOT_DEFINED", typeId, label: null }] }));
}

export function listAssociations(
  data: HubspotDataset,
  view: View,
  request: SandboxRequest,
  [fromName, id, toName]: string[],
): SandboxResponse {
  const from = resolveType(fromName ?? "");
  if (typeof from !== "string") return from;
  const to = resolveType(toName ?? "");
  if (typeof to !== "string") return to;
  const q = request.url.searchParams;
  const limit = Math.min(Number(q.get("limit") ?? 500), 500);
  const offset = Number(q.get("after") ?? 0);
  const all = associated(data, view, from, id ?? "", to);
  const body: Record<string, unknown> = { results: all.slice(offset, offset + limit) };
  if (offset + limit < all.length) {
    const link = new URL(request.url);
    link.searchParams.set("after", String(offset + limit));
    body.paging = { next: { after: String(offset + limit), link: link.toString() } };
  }
  return json(200, body);
}

export function batchReadAssociations(
  data: HubspotDataset,
  view: View,
  request: SandboxRequest,
  [fromName, toName]: string[],
): SandboxResponse {
  const from = resolveType(fromName ?? "");
  if (typeof from !== "string") return from;
  const to = resolveType(toName ?? "");
  if (typeof to !== "string") return to;
  const inputs = (request.body as { inputs?: { id?: unknown }[] } | undefined)?.inputs;
  if (!Array.isArray(inputs)) {
    return hubspotError(400, "VALIDATION_ERROR", "Invalid input JSON: Some required fields were not set: [inputs]");
  }
  if (inputs.length > 1000) return hubspotError(400, "VALIDATION_ERROR", "Batch input must have at most 1000 items");
  const startedAt = new Date().toISOString();
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of inputs) {
    const id = String(input.id ?? "");
    const to_ = associated(data, view, from, id, to);
    if (to_.length) results.push({ from: { id }, to: to_ });
    else
      errors.push({
        status: "error",
        category: "OBJECT_NOT_FOUND",
        subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
        message: `No ${to.slice(0, -1)} is associated with ${from.slice(0, -1)} ${id}.`,
        context: { fromObjectId: [id] },
      });
  }
  const body: Record<string, unknown> = {
    status: "COMPLETE",
    results,
    startedAt,
    completedAt: new Date().toISOString(),
  };
  if (!errors.length) return json(200, body);
  return json(207, { ...body, numErrors: errors.length, errors });
}
