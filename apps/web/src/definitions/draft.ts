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

/** The leaf at `path`, or undefined. */
export const getAt = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);

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
  // A message may hold "; " itself (`bad time "25:00"; expected HH:MM`): split only where a field path follows.
  for (const part of body.split(/; (?=[A-Za-z]+(?:\[\d+\]|\.[A-Za-z]+)*: )/)) {
    const match = /^([A-Za-z]+(?:\[\d+\]|\.[A-Za-z]+)*): (.+)$/.exec(part);
    const [, field, text] = match ?? [];
    // Two problems with one field (a bad open time that also overlaps) both show next to it.
    if (field && text) byField.set(field, byField.has(field) ? `${byField.get(field)}; ${text}` : text);
    else general.push(part);
  }
  return { byField, general };
}

/** The DOM id of the control for a field path: the error summary links to it. */
export const fieldId = (path: ReadonlyArray<string | number> | string) =>
  `def-${(typeof path === "string" ? path : pathText(path)).replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;

/**
 * The messages about a list as a whole or about one of its items (`calendars[0].weeklyHours[1]: overlaps ...`),
 * for a control that edits the whole list; messages about an item's own fields show next to those fields.
 */
export function listErrors(errors: Map<string, string>, path: ReadonlyArray<string | number>): string | undefined {
  const text = pathText(path);
  const messages = [...errors]
    .map(([field, message]) => {
      if (field === text) return message;
      const item = /^\[(\d+)\]$/.exec(field.slice(text.length));
      return field.startsWith(text) && item ? `item ${Number(item[1]) + 1}: ${message}` : null;
    })
    .filter(Boolean);
  return messages.length ? messages.join("; ") : undefined;
}

/** Top-level sections that differ: the PATCH sends only these. */
export function changedSections(before: Definitions, after: Definitions): Partial<Definitions> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Definitions>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as Partial<Definitions>;
}
