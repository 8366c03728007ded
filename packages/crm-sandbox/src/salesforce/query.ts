import type { SalesforceRecord } from "../generator/salesforce.ts";
import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { View } from "../store.ts";
import { type SalesforceDataset, sobjectName } from "./dataset.ts";
import { salesforceError } from "./errors.ts";
import { type EvalContext, evaluate, sortValue } from "./evaluate.ts";
import type { FieldDefinition, SObjectName } from "./schema.ts";
import { type Condition, located, parseSoql, SoqlError, type SoqlQuery } from "./soql.ts";

// GET /services/data/vXX.X/query|queryAll?q=SOQL and GET .../query/{locator} (queryMore).
const DEFAULT_BATCH = 2000;

interface Cursor {
  object: SObjectName;
  fields: FieldDefinition[];
  indices: number[];
  view: View;
  batchSize: number;
}

export class QueryEngine {
  private readonly cursors = new Map<string, Cursor>();
  private opened = 0;
  private readonly data: SalesforceDataset;

  constructor(data: SalesforceDataset) {
    this.data = data;
  }

  query(request: SandboxRequest, version: string, view: View, includeDeleted: boolean): SandboxResponse {
    const soql = request.url.searchParams.get("q");
    if (!soql) return salesforceError(400, "MALFORMED_QUERY", "A query string has to be specified");
    try {
      const parsed = parseSoql(soql);
      const { object, fields, indices, rendered } = this.run(parsed, soql, view, includeDeleted);
      if (parsed.count) return json(200, { totalSize: indices.length, done: true, records: [] });
      const cursor: Cursor = { object, fields, indices, view, batchSize: batchSize(request) };
      return this.page(cursor, `01g5g${String(++this.opened).padStart(10, "0")}`, 0, version, rendered);
    } catch (error) {
      if (error instanceof SoqlError) return salesforceError(400, error.errorCode, error.message);
      throw error;
    }
  }

  more(version: string, locator: string): SandboxResponse {
    const [id = "", start = ""] = locator.split("-");
    const cursor = this.cursors.get(id);
    if (!cursor || !/^\d+$/.test(start)) return salesforceError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    return this.page(cursor, id, Number(start), version);
  }

  /** `rendered`: the records of the first batch as the WHERE clause already rendered them (same view). */
  private page(
    cursor: Cursor,
    id: string,
    start: number,
    version: string,
    rendered?: SalesforceRecord[],
  ): SandboxResponse {
    const end = Math.min(cursor.indices.length, start + cursor.batchSize);
    const collection = this.data.collections[cursor.object];
    const records = cursor.indices.slice(start, end).map((index, i) => {
      const record = rendered?.[i] ?? collection.at(index, cursor.view);
      const out: Record<string, unknown> = {
        attributes: { type: cursor.object, url: `/services/data/v${version}/sobjects/${cursor.object}/${record.Id}` },
      };
      for (const field of cursor.fields) out[field.name] = record[field.name] ?? null;
      return out;
    });
    const done = end >= cursor.indices.length;
    if (done) this.cursors.delete(id);
    else this.cursors.set(id, cursor);
    const body: Record<string, unknown> = { totalSize: cursor.indices.length, done };
    if (!done) body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${end}`;
    body.records = records;
    return json(200, body);
  }

  private run(query: SoqlQuery, soql: string, view: View, includeDeleted: boolean) {
    const object = sobjectName(query.object);
    if (!object) {
      throw new SoqlError(
        "INVALID_TYPE",
        located(
          soql,
          query.objectPosition,
          `sObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
        ),
      );
    }
    const known = this.data.fields[object];
    const field = (name: string, position: number): FieldDefinition => {
      const def = known.get(name.toLowerCase());
      if (!def) {
        throw new SoqlError(
          "INVALID_FIELD",
          located(
            soql,
            position,
            `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
          ),
        );
      }
      return def;
    };
    const fields = query.fields.map((f) => field(f.name, f.position));
    const order = query.orderBy.map((o) => ({ ...o, def: field(o.field, o.position) }));
    if (query.where) validate(query.where, field);
    const ctx: EvalContext = { soql, object, now: view.asOf, field };
    const deletedField = known.get("isdeleted");
    const matched: { index: number; record: SalesforceRecord }[] = [];
    const collection = this.data.collections[object];
    const count = collection.visibleCount(view);
    // `ORDER BY Id LIMIT n` (keyset paging): read the Id index from the `Id >` bound and stop at n, like the real
    // org does, instead of rendering and sorting every record for each page.
    const first = order[0];
    const byId =
      !query.count &&
      query.limit !== undefined &&
      order.length === 1 &&
      first?.def.name === "Id" &&
      !first.descending &&
      collection.source.idOrdered === true;
    const floor = byId && query.where ? idFloor(query.where) : undefined;
    const wanted = (query.offset ?? 0) + (query.limit ?? 0);
    // `IsDeleted = true` (queryAll of deleted records): an org reads its recycle bin, not every record.
    const onlyDeleted = deletedField !== undefined && includeDeleted && requiresDeleted(query.where);
    for (let index = floor ? collection.firstIndexAfter(floor.id, floor.inclusive) : 0; index < count; index++) {
      if (onlyDeleted && !collection.mayBeDeleted(index, view)) continue;
      const record = collection.at(index, view);
      if (deletedField && !includeDeleted && record.IsDeleted === true) continue;
      if (query.where && !evaluate(query.where, record, ctx)) continue;
      matched.push({ index, record });
      if (byId && matched.length >= wanted) break;
    }
    if (order.length) {
      matched.sort((a, b) => {
        for (const o of order) {
          const x = sortValue(a.record, o.def);
          const y = sortValue(b.record, o.def);
          if (x === y) continue;
          if (x === null) return o.nullsLast ? 1 : -1;
          if (y === null) return o.nullsLast ? -1 : 1;
          return (x < y ? -1 : 1) * (o.descending ? -1 : 1);
        }
        return 0;
      });
    }
    const from = query.offset ?? 0;
    const to = query.limit === undefined ? matched.length : from + query.limit;
    const kept = matched.slice(from, to);
    return { object, fields, indices: kept.map((m) => m.index), rendered: kept.map((m) => m.record) };
  }
}

/** The tightest `Id > 'x'` / `Id >= 'x'` among the top-level AND terms of a WHERE clause. */
function idFloor(condition: Condition): { id: string; inclusive: boolean } | undefined {
  if (condition.kind === "and") {
    const left = idFloor(condition.left);
    const right = idFloor(condition.right);
    if (!left || !right) return left ?? right;
    return left.id > right.id || (left.id === right.id && !left.inclusive) ? left : right;
  }
  if (condition.kind !== "compare" || condition.field.toLowerCase() !== "id" || condition.value.kind !== "string")
    return;
  if (condition.op === ">") return { id: condition.value.value, inclusive: false };
  if (condition.op === ">=") return { id: condition.value.value, inclusive: true };
  return;
}

/** Whether a WHERE clause holds only for deleted records: `IsDeleted = true` as a top-level AND term. */
function requiresDeleted(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.kind === "and") return requiresDeleted(condition.left) || requiresDeleted(condition.right);
  return (
    condition.kind === "compare" &&
    condition.field.toLowerCase() === "isdeleted" &&
    condition.op === "=" &&
    condition.value.kind === "boolean" &&
    condition.value.value
  );
}

function validate(condition: Condition, field: (name: string, position: number) => FieldDefinition): void {
  if (condition.kind === "not") validate(condition.inner, field);
  else if ("left" in condition) {
    validate(condition.left, field);
    validate(condition.right, field);
  } else field(condition.field, condition.position);
}

/** `Sforce-Query-Options: batchSize=n`: between 200 and 2000, default 2000. */
function batchSize(request: SandboxRequest): number {
  const header = request.headers["sforce-query-options"];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(",") : (header ?? ""));
  if (!m) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(200, Number(m[1])));
}
