import type { SalesforceRecord } from "../generator/salesforce.ts";
import type { FieldDefinition } from "./schema.ts";
import type { Condition, Literal } from "./soql.ts";
import { located, SoqlError } from "./soql.ts";

// Evaluates a parsed WHERE clause against one record, comparing values by the field's type.
const DAY = 86_400_000;
type Comparable = number | string | boolean | null;

export interface EvalContext {
  soql: string;
  object: string;
  now: number;
  field(name: string, position: number): FieldDefinition;
}

const NUMERIC = new Set(["currency", "double", "percent", "int"]);

function recordValue(record: SalesforceRecord, def: FieldDefinition): Comparable {
  const value = record[def.name];
  if (value === undefined || value === null) return null;
  if (def.type === "datetime") return Date.parse(String(value));
  if (def.type === "id" || def.type === "reference") return String(value).slice(0, 15);
  if (typeof value === "string" && def.type !== "date") return value.toLowerCase();
  return value as Comparable;
}

function literalValue(
  literal: Literal,
  def: FieldDefinition,
  ctx: EvalContext,
  position: number,
): Comparable | { from: number; to: number } {
  const mismatch = (expected: string) =>
    new SoqlError(
      "INVALID_FIELD",
      located(
        ctx.soql,
        position,
        `value of filter criterion for field '${def.name}' must be of type ${expected} and should not be enclosed in quotes`,
      ),
    );
  switch (literal.kind) {
    case "null":
      return null;
    case "string":
      if (def.type === "datetime") throw mismatch("dateTime");
      if (def.type === "date") throw mismatch("date");
      if (def.type === "boolean") throw mismatch("boolean");
      if (NUMERIC.has(def.type)) throw mismatch("double");
      return def.type === "id" || def.type === "reference" ? literal.value.slice(0, 15) : literal.value.toLowerCase();
    case "number":
    case "boolean":
      return literal.value;
    case "datetime":
      return def.type === "date" ? new Date(literal.value).toISOString().slice(0, 10) : literal.value;
    case "date":
      return def.type === "datetime" ? Date.parse(literal.value) : literal.value;
    case "dateLiteral": {
      const today = Math.floor(ctx.now / DAY) * DAY;
      const [from, to] =
        literal.name === "TODAY"
          ? [today, today + DAY]
          : literal.name === "YESTERDAY"
            ? [today - DAY, today]
            : literal.name === "TOMORROW"
              ? [today + DAY, today + 2 * DAY]
              : literal.name === "LAST_N_DAYS"
                ? [today - literal.n * DAY, today + DAY]
                : [today + DAY, today + (literal.n + 1) * DAY];
      return { from, to };
    }
  }
}

function asBound(def: FieldDefinition, ms: number): number | string {
  return def.type === "date" ? new Date(ms).toISOString().slice(0, 10) : ms;
}

function compare(
  actual: Comparable,
  op: string,
  expected: Comparable | { from: number; to: number },
  def: FieldDefinition,
): boolean {
  if (expected !== null && typeof expected === "object") {
    const from = asBound(def, expected.from);
    const to = asBound(def, expected.to);
    if (actual === null) return op === "!=";
    if (op === "=") return actual >= from && actual < to;
    if (op === "!=") return actual < from || actual >= to;
    if (op === "<") return actual < from;
    if (op === "<=") return actual < to;
    if (op === ">") return actual >= to;
    return actual >= from;
  }
  if (op === "=") return actual === expected;
  if (op === "!=") return actual !== expected;
  if (actual === null || expected === null) return false;
  if (op === "<") return actual < expected;
  if (op === "<=") return actual <= expected;
  if (op === ">") return actual > expected;
  return actual >= expected;
}

export function evaluate(condition: Condition, record: SalesforceRecord, ctx: EvalContext): boolean {
  switch (condition.kind) {
    case "and":
      return evaluate(condition.left, record, ctx) && evaluate(condition.right, record, ctx);
    case "or":
      return evaluate(condition.left, record, ctx) || evaluate(condition.right, record, ctx);
    case "not":
      return !evaluate(condition.inner, record, ctx);
    case "compare": {
      const def = ctx.field(condition.field, condition.position);
      return compare(
        recordValue(record, def),
        condition.op,
        literalValue(condition.value, def, ctx, condition.position),
        def,
      );
    }
    case "in": {
      const def = ctx.field(condition.field, condition.position);
      const actual = recordValue(record, def);
      const hit = condition.values.some((v) => literalValue(v, def, ctx, condition.position) === actual);
      return condition.negated ? !hit : hit;
    }
    case "like": {
      const def = ctx.field(condition.field, condition.position);
      const actual = recordValue(record, def);
      const pattern = condition.pattern
        .toLowerCase()
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replaceAll("%", ".*")
        .replaceAll("_", ".");
      return actual !== null && new RegExp(`^${pattern}$`, "s").test(String(actual));
    }
  }
}

export function sortValue(record: SalesforceRecord, def: FieldDefinition): Comparable {
  return recordValue(record, def);
}
