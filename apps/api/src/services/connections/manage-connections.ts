import {
  hubspotCredentialsSchema,
  hubspotSettingsSchema,
  newRequestStats,
  openCrm,
  salesforceCredentialsSchema,
  salesforceSettingsSchema,
} from "@revops/connectors";
import {
  type Connection,
  createConnection,
  deleteConnection,
  findConnection,
  findWorkspace,
  setConnectionStatus,
  updateConnection,
} from "@revops/db";
import { syncConnection } from "@revops/queue";
import { createSecretBox, resolveKeyRing, type SecretBox } from "@revops/runtime";
import { removeConnectionSchedule, upsertConnectionSchedule } from "@revops/worker/sync-schedules";
import type { z } from "zod";
import type { ApiDeps } from "../../env.ts";
import { badRequest, notFound } from "../../errors.ts";
import type { connectionChangeSchema, newConnectionSchema } from "./connection-schema.ts";

let box: SecretBox | undefined;
export function connectionSecretBox(deps: ApiDeps): SecretBox {
  box ??= createSecretBox(resolveKeyRing(deps.config.encryptionKeys, deps.config.dataDir).keyRing);
  return box;
}

/** Validates settings (with defaults) and credentials for the CRM; the message names the field. */
function validate(crm: "hubspot" | "salesforce", settings: Record<string, unknown>, credentials: unknown | undefined) {
  const settingsResult = (crm === "hubspot" ? hubspotSettingsSchema : salesforceSettingsSchema).safeParse(settings);
  if (!settingsResult.success) throw badRequest(`Invalid settings: ${describeIssues(settingsResult.error)}`);
  if (credentials !== undefined) {
    const credentialsResult = (crm === "hubspot" ? hubspotCredentialsSchema : salesforceCredentialsSchema).safeParse(
      credentials,
    );
    if (!credentialsResult.success)
      throw badRequest(`Invalid ${crm} credentials: ${describeIssues(credentialsResult.error)}`);
  }
  return settingsResult.data as Record<string, unknown>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");
}

export function credentialsKindOf(deps: ApiDeps, row: Connection): string {
  if (row.crm === "salesforce") return "oauth";
  try {
    const opened = JSON.parse(connectionSecretBox(deps).open(row.credentials)) as { kind?: string };
    return opened.kind ?? "unknown";
  } catch {
    return "unreadable";
  }
}

export async function requireConnection(deps: ApiDeps, workspaceId: string, connectionId: string): Promise<Connection> {
  const row = await findConnection(deps.database.db, { workspaceId, connectionId });
  if (!row) throw notFound(`Connection "${connectionId}"`);
  return row;
}

export async function createCrmConnection(
  deps: ApiDeps,
  workspaceId: string,
  input: z.infer<typeof newConnectionSchema>,
) {
  if (!(await findWorkspace(deps.database.db, { workspaceId }))) throw notFound(`Workspace "${workspaceId}"`);
  const settings = validate(input.crm, input.settings, input.credentials);
  const row = await createConnection(deps.database.db, {
    workspaceId,
    crm: input.crm,
    name: input.name,
    settings,
    credentials: connectionSecretBox(deps).seal(JSON.stringify(input.credentials)),
    syncEveryMinutes: input.syncEveryMinutes,
  });
  await upsertConnectionSchedule(deps.queues, row);
  if (input.syncNow) await requestSync(deps, row, "full", "connect");
  return row;
}

export async function changeCrmConnection(
  deps: ApiDeps,
  workspaceId: string,
  connectionId: string,
  input: z.infer<typeof connectionChangeSchema>,
) {
  const current = await requireConnection(deps, workspaceId, connectionId);
  const settings = input.settings
    ? validate(current.crm, { ...current.settings, ...input.settings }, input.credentials)
    : undefined;
  if (!settings && input.credentials) validate(current.crm, current.settings, input.credentials);
  const row = await updateConnection(deps.database.db, {
    workspaceId,
    connectionId,
    ...(input.name ? { name: input.name } : {}),
    ...(settings ? { settings } : {}),
    ...(input.credentials ? { credentials: connectionSecretBox(deps).seal(JSON.stringify(input.credentials)) } : {}),
    ...(input.syncEveryMinutes ? { syncEveryMinutes: input.syncEveryMinutes } : {}),
  });
  if (!row) throw notFound(`Connection "${connectionId}"`);
  // New credentials end the "reconnect" state.
  if (input.credentials && row.status === "needs_reconnect") {
    await setConnectionStatus(deps.database.db, { workspaceId, connectionId, status: "ok" });
    row.status = "ok";
    row.statusDetail = null;
  }
  if (input.syncEveryMinutes) await upsertConnectionSchedule(deps.queues, row);
  return row;
}

export async function removeCrmConnection(deps: ApiDeps, workspaceId: string, connectionId: string) {
  await requireConnection(deps, workspaceId, connectionId);
  await removeConnectionSchedule(deps.queues, connectionId);
  await deleteConnection(deps.database.db, { workspaceId, connectionId });
}

export async function requestSync(
  deps: ApiDeps,
  row: Connection,
  mode: "full" | "incremental",
  reason: "manual" | "connect" | "webhook",
  touched?: { contacts: string[]; deals: string[] },
) {
  const job = await deps.queues.enqueue(syncConnection, {
    workspaceId: row.workspaceId,
    connectionId: row.id,
    mode,
    reason,
    ...(touched ? { touched } : {}),
  });
  return { jobId: job.id ?? "" };
}

/** Tries the credentials and the configured fields against the CRM, before any sync. */
export async function testCrmConnection(deps: ApiDeps, row: Connection) {
  let credentials: unknown;
  try {
    credentials = JSON.parse(connectionSecretBox(deps).open(row.credentials));
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          code: "bad_credentials" as const,
          message: `The stored credentials cannot be opened: ${(error as Error).message}`,
        },
      ],
    };
  }
  const crm = openCrm({
    crm: row.crm,
    settings: row.settings,
    credentials,
    redis: deps.redis,
    keyPrefix: deps.config.queuePrefix,
    stats: newRequestStats(),
    maxAttempts: 3,
  });
  return crm.check();
}
