import type { WorkspaceRole } from "@revops/db";

/**
 * Who may call a route:
 * - "public": anyone, signed in or not;
 * - "signed-in": a person (session) or an API token;
 * - "person": a signed-in person only, never an API token;
 * - a role: a member of the path's {workspace} with at least that role (viewer < editor < admin < owner);
 *   a non-member gets 404, as if the workspace did not exist.
 */
export type Access = "public" | "signed-in" | "person" | WorkspaceRole;

/**
 * The ONE policy table: every route of /api/openapi.json, by method and OpenAPI path.
 * auth/policy.int.test.ts fails when a route is missing here.
 * Roles (issue 8): owner manages members and connections; admin: definitions, rules,
 * connections, channels; editor: notes, action items, alert acknowledgement; viewer: read.
 */
export const routePolicies: Record<string, Access> = {
  "GET /health/live": "public",
  "GET /health/ready": "public",
  // System status shows no workspace data.
  "GET /api/v1/status": "public",
  "GET /api/openapi.json": "public",

  // Sign-in and the person
  "POST /api/v1/auth/sign-in": "public",
  "POST /api/v1/auth/sign-out": "person",
  "GET /api/v1/auth/providers": "public",
  "GET /api/v1/auth/oidc/start": "public",
  "GET /api/v1/auth/oidc/callback": "public",
  "GET /api/v1/me": "person",
  "GET /api/v1/me/workspaces": "signed-in",
  "GET /api/v1/portfolio": "person",
  "GET /api/v1/invitations/{token}": "public",
  "POST /api/v1/invitations/{token}/accept": "person",
  "POST /api/v1/invitations/{token}/sign-up": "public",

  // Workspaces (the list only holds the caller's own)
  "GET /api/v1/workspaces": "signed-in",
  "POST /api/v1/workspaces": "person",
  "GET /api/v1/workspaces/{workspace}": "viewer",

  // Members, invitations, API tokens, audit log
  "GET /api/v1/workspaces/{workspace}/members": "viewer",
  "PATCH /api/v1/workspaces/{workspace}/members/{userId}": "owner",
  "DELETE /api/v1/workspaces/{workspace}/members/{userId}": "owner",
  "GET /api/v1/workspaces/{workspace}/invitations": "owner",
  "POST /api/v1/workspaces/{workspace}/invitations": "owner",
  "DELETE /api/v1/workspaces/{workspace}/invitations/{invitationId}": "owner",
  "GET /api/v1/workspaces/{workspace}/api-tokens": "admin",
  "POST /api/v1/workspaces/{workspace}/api-tokens": "admin",
  "DELETE /api/v1/workspaces/{workspace}/api-tokens/{tokenId}": "admin",
  "GET /api/v1/workspaces/{workspace}/audit-log": "admin",

  // Definitions: read by all, changed by admins
  "GET /api/v1/workspaces/{workspace}/definitions": "viewer",
  "PUT /api/v1/workspaces/{workspace}/definitions": "admin",
  "PATCH /api/v1/workspaces/{workspace}/definitions": "admin",
  "GET /api/v1/workspaces/{workspace}/definitions/versions": "viewer",
  "GET /api/v1/workspaces/{workspace}/definitions/versions/{version}": "viewer",
  "GET /api/v1/workspaces/{workspace}/definitions/export": "viewer",
  "POST /api/v1/workspaces/{workspace}/definitions/import": "admin",

  // CRM connections (issue 4): managed by admins; runs, freshness and data quality read by all.
  // The webhook is public: HubSpot proves itself with X-HubSpot-Signature-v3.
  "GET /api/v1/workspaces/{workspace}/connections": "viewer",
  "POST /api/v1/workspaces/{workspace}/connections": "admin",
  "GET /api/v1/workspaces/{workspace}/connections/{connectionId}": "viewer",
  "PATCH /api/v1/workspaces/{workspace}/connections/{connectionId}": "admin",
  "DELETE /api/v1/workspaces/{workspace}/connections/{connectionId}": "admin",
  "POST /api/v1/workspaces/{workspace}/connections/{connectionId}/test": "admin",
  "POST /api/v1/workspaces/{workspace}/connections/{connectionId}/sync": "admin",
  "GET /api/v1/workspaces/{workspace}/sync-runs": "viewer",
  "GET /api/v1/workspaces/{workspace}/sync-runs/{runId}": "viewer",
  "GET /api/v1/workspaces/{workspace}/freshness": "viewer",
  "GET /api/v1/workspaces/{workspace}/data-quality": "viewer",
  "POST /api/v1/webhooks/hubspot/{connectionId}": "public",

  // The weekly review: read by all
  "GET /api/v1/workspaces/{workspace}/review": "viewer",
  "GET /api/v1/workspaces/{workspace}/review/records": "viewer",

  // The review meeting: notes and action items by editors
  "GET /api/v1/workspaces/{workspace}/meeting": "viewer",
  "PUT /api/v1/workspaces/{workspace}/meeting/notes": "editor",
  "POST /api/v1/workspaces/{workspace}/meeting/action-items": "editor",
  "PATCH /api/v1/workspaces/{workspace}/meeting/action-items/{id}": "editor",
  "DELETE /api/v1/workspaces/{workspace}/meeting/action-items/{id}": "editor",

  // SLA alerts: read by all, acknowledged by editors; channels, rule options and the digest by admins
  "GET /api/v1/workspaces/{workspace}/alerts": "viewer",
  "POST /api/v1/workspaces/{workspace}/alerts/{alertId}/acknowledge": "editor",
  "GET /api/v1/workspaces/{workspace}/channels": "viewer",
  "POST /api/v1/workspaces/{workspace}/channels": "admin",
  "PATCH /api/v1/workspaces/{workspace}/channels/{channelId}": "admin",
  "DELETE /api/v1/workspaces/{workspace}/channels/{channelId}": "admin",
  "POST /api/v1/workspaces/{workspace}/channels/{channelId}/test": "admin",
  "GET /api/v1/workspaces/{workspace}/alert-rules": "viewer",
  "PUT /api/v1/workspaces/{workspace}/alert-rules/{ruleKey}": "admin",
  "GET /api/v1/workspaces/{workspace}/digest/subscribers": "viewer",
  "POST /api/v1/workspaces/{workspace}/digest/subscribers": "admin",
  "DELETE /api/v1/workspaces/{workspace}/digest/subscribers/{email}": "admin",
  "GET /api/v1/workspaces/{workspace}/digest/preview": "viewer",
};

/** A route without an entry that sits in a workspace needs its strongest role, so a forgotten entry fails closed. */
const unlistedWorkspaceRouteAccess: Access = "owner";

interface CompiledPolicy {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  access: Access;
}

const compiled: CompiledPolicy[] = Object.entries(routePolicies)
  .map(([key, access]) => {
    const [method = "", template = ""] = key.split(" ");
    const segments = template.split("/");
    const source = segments
      .map((segment) => (segment.startsWith("{") ? "[^/]+" : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
      .join("/");
    return {
      method,
      template,
      pattern: new RegExp(`^${source}/?$`),
      literalSegments: segments.filter((segment) => !segment.startsWith("{")).length,
      access,
    };
  })
  // "/alerts/summary" must win over "/alerts/{id}".
  .sort((a, b) => b.literalSegments - a.literalSegments);

const workspacePath = /^\/api\/v1\/workspaces\/([^/]+)(\/|$)/;

/** The workspace id a request path names, if any. */
export function workspaceOfPath(path: string): string | undefined {
  const found = workspacePath.exec(path)?.[1];
  return found === undefined ? undefined : decodeURIComponent(found);
}

/** The policy for one request; undefined when the path has no entry (and no route should answer it). */
export function policyFor(method: string, path: string): { access: Access; template: string } | undefined {
  const verb = method === "HEAD" ? "GET" : method;
  const found = compiled.find((policy) => policy.method === verb && policy.pattern.test(path));
  if (found) return { access: found.access, template: found.template };
  if (workspaceOfPath(path) !== undefined) return { access: unlistedWorkspaceRouteAccess, template: "(unlisted)" };
  return undefined;
}
