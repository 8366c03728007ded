import { randomUUID } from "node:crypto";
import { openApiDocument } from "../openapi-document.ts";

/** Every method + OpenAPI path of /api/openapi.json, as the policy table names them. */
export function documentedRoutes(): Array<{ method: string; path: string; key: string }> {
  const document = openApiDocument() as { paths?: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` })),
  );
}

/** A concrete URL for a documented path: the given workspace and plausible values for the other parameters. */
export function concretePath(template: string, workspace: string, ids: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === "workspace") return workspace;
    if (ids[name] !== undefined) return encodeURIComponent(ids[name]);
    if (name === "version") return "1";
    if (name === "week") return "2026-W46";
    if (name === "token") return "x".repeat(43);
    return randomUUID();
  });
}
