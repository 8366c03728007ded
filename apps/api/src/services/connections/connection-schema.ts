import { z } from "@hono/zod-openapi";
import type { Connection } from "@revops/db";

// Connections as the API shows them: settings yes, credentials never (only which kind is set).
export const connectionSchema = z
  .object({
    id: z.string().uuid(),
    workspace: z.string(),
    crm: z.enum(["hubspot", "salesforce"]),
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    credentialsKind: z.string().describe("private_app | oauth; the secrets themselves are never returned"),
    syncEveryMinutes: z.number().int(),
    status: z.string().describe("ok | syncing | needs_reconnect | error"),
    statusDetail: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Connection");

const hubspotCredentials = z.union([
  z.object({ kind: z.literal("private_app"), token: z.string().min(1), webhookSecret: z.string().min(1).optional() }),
  z.object({
    kind: z.literal("oauth"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
  }),
]);
const salesforceCredentials = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
});

export const newConnectionSchema = z
  .object({
    crm: z.enum(["hubspot", "salesforce"]),
    name: z.string().min(1).max(200),
    settings: z.record(z.string(), z.unknown()).default({}),
    credentials: z.union([hubspotCredentials, salesforceCredentials]).describe("write-only; sealed at rest"),
    syncEveryMinutes: z.number().int().min(1).max(1440).default(15),
    syncNow: z.boolean().default(true).describe("enqueue the first full sync right away"),
  })
  .openapi("NewConnection");

export const connectionChangeSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    settings: z.record(z.string(), z.unknown()).optional().describe("merged into the current settings"),
    credentials: z.union([hubspotCredentials, salesforceCredentials]).optional().describe("replaces the credentials"),
    syncEveryMinutes: z.number().int().min(1).max(1440).optional(),
  })
  .openapi("ConnectionChange");

export const connectionCheckSchema = z
  .object({
    ok: z.boolean(),
    problems: z.array(
      z.object({
        code: z.enum(["bad_credentials", "missing_scope", "unknown_field", "request_failed"]),
        message: z.string(),
      }),
    ),
  })
  .openapi("ConnectionCheck");

export const syncRunSchema = z
  .object({
    id: z.string().uuid(),
    connectionId: z.string().uuid(),
    mode: z.enum(["full", "incremental"]),
    reason: z.string(),
    status: z.string().describe("running | succeeded | failed | needs_reconnect"),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    heartbeatAt: z.string().nullable(),
    pages: z.number().int(),
    recordsByObject: z.record(z.string(), z.number()),
    requests: z.number().int(),
    retries: z.number().int(),
    rateLimitWaits: z.number().int(),
    rateLimitWaitMs: z.number().int(),
    errors: z.array(z.object({ at: z.string(), object: z.string().nullable(), message: z.string() })),
    progress: z
      .object({ object: z.string().nullable(), phase: z.string().nullable(), pages: z.number(), records: z.number() })
      .nullable(),
  })
  .openapi("SyncRun");

export function toConnection(row: Connection, credentialsKind: string): z.infer<typeof connectionSchema> {
  return {
    id: row.id,
    workspace: row.workspaceId,
    crm: row.crm,
    name: row.name,
    settings: row.settings,
    credentialsKind,
    syncEveryMinutes: row.syncEveryMinutes,
    status: row.status,
    statusDetail: row.statusDetail,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toSyncRun(run: import("@revops/db").SyncRun): z.infer<typeof syncRunSchema> {
  return {
    id: run.id,
    connectionId: run.connectionId,
    mode: run.mode,
    reason: run.reason,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    heartbeatAt: iso(run.heartbeatAt),
    pages: run.pages,
    recordsByObject: run.recordsByObject,
    requests: run.requests,
    retries: run.retries,
    rateLimitWaits: run.rateLimitWaits,
    rateLimitWaitMs: run.rateLimitWaitMs,
    errors: run.errors,
    progress: run.progress ?? null,
  };
}
