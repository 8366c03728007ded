export interface DefinitionChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf-level differences between two definitions documents, for the audit trail (array items by index). */
export function diffDefinitions(before: unknown, after: unknown, path = ""): DefinitionChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: DefinitionChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      changes.push(...diffDefinitions(before[i], after[i], `${path}[${i}]`));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffDefinitions(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Object.is(before, after)) return [];
  return [{ path, before, after }];
}
