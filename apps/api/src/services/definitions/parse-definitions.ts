import type { Definitions } from "@revops/core";
import { validateDefinitions } from "@revops/core";
import { ApiError } from "../../errors.ts";
import { definitionsSchema } from "./definitions-schema.ts";

/** `slaRules[2].startStage` from zod's ["slaRules", 2, "startStage"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

export const invalidDefinitions = (messages: string[]) =>
  new ApiError(400, "invalid_definitions", `The definitions are not valid: ${messages.join("; ")}`);

/**
 * A definitions document from outside (API body, imported file): shape first, then meaning
 * with core's validator. Every problem names its field, e.g. `slaRules[2].startStage: unknown stage "mqll"`.
 */
export function parseDefinitions(input: unknown): Definitions {
  const shaped = definitionsSchema.safeParse(input);
  if (!shaped.success) {
    throw invalidDefinitions(
      shaped.error.issues.map((issue) => `${fieldPath(issue.path) || "document"}: ${issue.message}`),
    );
  }
  const document = shaped.data as Definitions;
  const issues = validateDefinitions(document);
  if (issues.length > 0) throw invalidDefinitions(issues.map((issue) => issue.message));
  return document;
}
