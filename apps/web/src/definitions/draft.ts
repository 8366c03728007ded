import type { components } from "../api/schema";

export type Definitions = components["schemas"]["Definitions"];

/** A copy of `value` with the leaf at `path` (["targets", 0, "amount"]) replaced. */
export function setAt<T>(value: T, path: ReadonlyArray<string | number>, leaf: unknown): T {
  if (path.length === 0) return leaf as T;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const container = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  container[head] = setAt(container[head], rest, leaf);
  return container as T;
}

/** "targets[0].amount" for ["targets", 0, "amount"]: the API names fields the same way. */
export const pathText = (path: ReadonlyArray<string | number>) =>
  path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key), "");

/**
 * Splits the API's invalid_definitions message ("The definitions are not valid: a[0].b: msg; c: msg")
 * into messages per field, so each shows next to its field; the rest stay general.
 */
export function fieldErrors(message: string): { byField: Map<string, string>; general: string[] } {
  const byField = new Map<string, string>();
  const general: string[] = [];
  const body = message.replace(/^The definitions are not valid:\s*/, "");
  for (const part of body.split("; ")) {
    const match = /^([A-Za-z]+(?:\[\d+\]|\.[A-Za-z]+)*): (.+)$/.exec(part);
    if (match?.[1] && match[2]) byField.set(match[1], match[2]);
    else general.push(part);
  }
  return { byField, general };
}

/** Top-level sections that differ: the PATCH sends only these. */
export function changedSections(before: Definitions, after: Definitions): Partial<Definitions> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Definitions>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as Partial<Definitions>;
}
