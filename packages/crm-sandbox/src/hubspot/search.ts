import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { Collection, View } from "../store.ts";
import type { HubspotDataset } from "./dataset.ts";
import type { HubspotRecord } from "./model.ts";
import type { PropertyDefinition } from "./schema.ts";
import { hubspotError, resolveType, toWire } from "./wire.ts";

// POST /crm/v3/objects/{type}/search: filter groups (OR of ANDs), one sort, at most 200 a page, 10,000 in all.
const OPERATORS = [
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
] as const;
type Operator = (typeof OPERATORS)[number];
const MAX_LIMIT = 200;
const MAX_RESULTS = 10_000;

interface Filter {
  propertyName: string;
  operator: Operator;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}
interface SearchBody {
  filterGroups?: { filters?: Partial<Filter>[] }[];
  sorts?: (string | { propertyName?: string; direction?: string })[];
  query?: string;
  properties?: string[];
  limit?: number;
  after?: string | number;
}

const invalid = (message: string) => hubspotError(400, "VALIDATION_ERROR", message);

export function search(data: HubspotDataset, view: View, request: SandboxRequest, typeName: string): SandboxResponse {
  const type = resolveType(typeName);
  if (typeof type !== "string") return type;
  if (request.bodyError) return invalid(`Invalid input JSON on line 1: ${request.bodyError}`);
  const body = (request.body ?? {}) as SearchBody;
  const limit = body.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    return invalid(`Invalid input JSON: limit must be between 0 and ${MAX_LIMIT}`);
  }
  const offset = Number(body.after ?? 0);
  if (!Number.isInteger(offset) || offset < 0)
    return invalid(`Invalid input JSON: after must be a number, got ${body.after}`);
  if (offset >= MAX_RESULTS) {
    return invalid(`The search API returns at most ${MAX_RESULTS} results; requested results past ${offset}.`);
  }
  const schema = data.schema[type];
  const groups = body.filterGroups ?? [];
  if (groups.length > 5) return invalid("Too many filter groups: at most 5 are allowed");
  const filters: Filter[][] = [];
  for (const group of groups) {
    const list = group.filters ?? [];
    if (list.length > 6) return invalid("Too many filters in a filter group: at most 6 are allowed");
    const checked: Filter[] = [];
    for (const filter of list) {
      if (!filter.propertyName || !filter.operator) {
        return invalid(
          "Invalid input JSON on line 1: Cannot build Filter, some of required attributes are not set [propertyName, operator]",
        );
      }
      if (!(OPERATORS as readonly string[]).includes(filter.operator)) {
        return invalid(
          `Invalid input JSON on line 1: Cannot deserialize value of type \`FilterOperator\` from String "${filter.operator}": not one of the values accepted for Enum class: [${OPERATORS.join(", ")}]`,
        );
      }
      if (!schema.has(filter.propertyName)) return unknownProperty(filter.propertyName);
      checked.push(filter as Filter);
    }
    filters.push(checked);
  }
  const sorts = (body.sorts ?? []).map((s) =>
    typeof s === "string"
      ? { propertyName: s, direction: "ASCENDING" }
      : { propertyName: s.propertyName ?? "", direction: s.direction ?? "ASCENDING" },
  );
  for (const sort of sorts) if (!schema.has(sort.propertyName)) return unknownProperty(sort.propertyName);

  const collection = data.collections[type];
  const cacheKey = JSON.stringify([groups, sorts, body.query, view.asOf, collection.version]);
  // Paging one query re-reads the same matches: reuse them while no patch is still inside the index lag.
  const cacheable = Date.now() - collection.lastPatchWallAt > (view.lagMs ?? 0);
  const cache = searchCaches.get(collection) ?? new Map<string, number[]>();
  searchCaches.set(collection, cache);
  let matched = cacheable ? cache.get(cacheKey) : undefined;
  if (!matched) {
    matched = matchAll(collection, view, filters, schema, sorts[0], body.query?.toLowerCase());
    if (cacheable) remember(cache, cacheKey, matched);
  }
  const end = Math.min(offset + limit, MAX_RESULTS);
  const page = matched.slice(offset, end).map((index) => collection.at(index, view));
  const result: Record<string, unknown> = {
    total: matched.length,
    results: page.map((r) => toWire(type, r, data.schema, { properties: body.properties })),
  };
  if (end < matched.length && limit > 0) result.paging = { next: { after: String(end) } };
  return json(200, result);
}

const searchCaches = new WeakMap<Collection<HubspotRecord>, Map<string, number[]>>();
function remember(cache: Map<string, number[]>, key: string, indices: number[]): void {
  cache.set(key, indices);
  if (cache.size > 16) cache.delete(cache.keys().next().value as string);
}

function matchAll(
  collection: Collection<HubspotRecord>,
  view: View,
  filters: Filter[][],
  schema: Map<string, PropertyDefinition>,
  sort: { propertyName: string; direction: string } | undefined,
  query: string | undefined,
): number[] {
  const matched: { index: number; record: HubspotRecord }[] = [];
  const count = collection.visibleCount(view);
  const floor = lowerBound(filters, schema);
  const story = floor
    ? collection.storyIndex(floor.property, view.asOf, (r) => numeric(r.properties[floor.property], floor.def))
    : undefined;
  for (let index = 0; index < count; index++) {
    // Below the bound in the story and never mutated: cannot match (NaN, no value, cannot match a GT/GTE either).
    const known = story?.[index];
    if (floor && known !== undefined && !collection.patched(index) && !(known >= floor.value)) continue;
    const record = collection.at(index, view);
    if (record.archivedAt !== null) continue;
    if (filters.length && !filters.some((group) => group.every((f) => matches(record, f, schema.get(f.propertyName)))))
      continue;
    if (query && !Object.values(record.properties).some((v) => v?.toLowerCase().includes(query))) continue;
    matched.push({ index, record });
  }
  if (sort) {
    const def = schema.get(sort.propertyName);
    const sign = sort.direction === "DESCENDING" ? -1 : 1;
    matched.sort(
      (a, b) => sign * compare(a.record.properties[sort.propertyName], b.record.properties[sort.propertyName], def),
    );
  }
  return matched.map((m) => m.index);
}

/**
 * The lowest value a match can have on one numeric property, when every filter group bounds it from below
 * (GT, GTE, EQ, BETWEEN): a modification-time search reads the index, like HubSpot's, not every record.
 */
function lowerBound(
  filters: Filter[][],
  schema: Map<string, PropertyDefinition>,
): { property: string; def: PropertyDefinition | undefined; value: number } | undefined {
  if (filters.length === 0) return;
  let bound: { property: string; def: PropertyDefinition | undefined; value: number } | undefined;
  for (const group of filters) {
    const own = group.flatMap((f) => {
      const def = schema.get(f.propertyName);
      if (!isNumeric(def) || !["GT", "GTE", "EQ", "BETWEEN"].includes(f.operator)) return [];
      const value = numeric(f.value, def);
      return Number.isNaN(value) ? [] : [{ property: f.propertyName, def, value }];
    });
    // One property for every group: the first group's choice decides.
    const pick = own.find((b) => !bound || b.property === bound.property);
    if (!pick) return;
    bound = bound ? { ...bound, value: Math.min(bound.value, pick.value) } : pick;
  }
  return bound;
}

function numeric(value: unknown, def: PropertyDefinition | undefined): number {
  const comparable = toComparable(value, def);
  return typeof comparable === "number" ? comparable : Number.NaN;
}

function unknownProperty(name: string): SandboxResponse {
  return hubspotError(400, "VALIDATION_ERROR", "There was a problem with the request.", {
    errors: [
      {
        message: `Property "${name}" does not exist`,
        code: "PROPERTY_DOESNT_EXIST",
        context: { propertyName: [name] },
      },
    ],
  });
}

const isNumeric = (def: PropertyDefinition | undefined) =>
  def?.type === "number" || def?.type === "datetime" || def?.type === "date";

function toComparable(value: unknown, def: PropertyDefinition | undefined): number | string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  if (!isNumeric(def)) return text.toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed;
}

function compare(a: unknown, b: unknown, def: PropertyDefinition | undefined): number {
  const x = toComparable(a, def);
  const y = toComparable(b, def);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}

function matches(record: HubspotRecord, filter: Filter, def: PropertyDefinition | undefined): boolean {
  const actual = toComparable(record.properties[filter.propertyName], def);
  const value = toComparable(filter.value, def);
  switch (filter.operator) {
    case "HAS_PROPERTY":
      return actual !== null;
    case "NOT_HAS_PROPERTY":
      return actual === null;
    case "EQ":
      return actual !== null && actual === value;
    case "NEQ":
      return actual !== value;
    case "IN":
    case "NOT_IN": {
      const values = (filter.values ?? []).map((v) => toComparable(v, def));
      const hit = actual !== null && values.includes(actual);
      return filter.operator === "IN" ? hit : !hit;
    }
    case "CONTAINS_TOKEN":
    case "NOT_CONTAINS_TOKEN": {
      const token = String(filter.value ?? "")
        .toLowerCase()
        .replaceAll("*", "");
      const hit = actual !== null && String(actual).includes(token);
      return filter.operator === "CONTAINS_TOKEN" ? hit : !hit;
    }
    case "BETWEEN": {
      const high = toComparable(filter.highValue, def);
      return actual !== null && value !== null && high !== null && actual >= value && actual <= high;
    }
    default:
      if (actual === null || value === null) return false;
      if (filter.operator === "LT") return actual < value;
      if (filter.operator === "LTE") return actual <= value;
      if (filter.operator === "GT") return actual > value;
      return actual >= value;
  }
}
