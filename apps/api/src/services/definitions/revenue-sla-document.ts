import type { Definitions } from "@revops/core";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { badRequest } from "../../errors.ts";

/** The exported "Revenue SLA": the whole definition set with where and when it came from. */
export interface RevenueSlaDocument {
  kind: "RevenueSLA";
  workspace: string;
  version: number;
  exportedAt: string;
  definitions: Definitions;
}

export function renderRevenueSla(document: RevenueSlaDocument, format: "json" | "yaml"): string {
  return format === "yaml" ? stringifyYaml(document) : `${JSON.stringify(document, null, 2)}\n`;
}

/** Parses an imported file (JSON or YAML); accepts the export envelope or a bare definitions object. */
export function readRevenueSla(text: string, contentType: string): unknown {
  let parsed: unknown;
  try {
    parsed = contentType.includes("json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw badRequest(
      `The file is not valid ${contentType.includes("json") ? "JSON" : "YAML"}: ${(error as Error).message}`,
    );
  }
  if (parsed && typeof parsed === "object" && "definitions" in parsed)
    return (parsed as { definitions: unknown }).definitions;
  return parsed;
}
