import {
  type AlertChannelRow,
  createAlertChannel,
  findAlertChannel,
  findWorkspace,
  updateAlertChannel,
} from "@revops/db";
import {
  ChannelConfigError,
  channelSecretBox,
  openChannel,
  parseChannelConfig,
  sealChannelSecrets,
} from "@revops/worker/alerts";
import type { ApiDeps } from "../../env.ts";
import { ApiError, badRequest, notFound } from "../../errors.ts";

export async function requireWorkspace(deps: ApiDeps, workspaceId: string): Promise<void> {
  if (!(await findWorkspace(deps.database.db, { workspaceId }))) throw notFound(`Workspace "${workspaceId}"`);
}

export async function requireChannel(deps: ApiDeps, workspaceId: string, channelId: string): Promise<AlertChannelRow> {
  await requireWorkspace(deps, workspaceId);
  const channel = await findAlertChannel(deps.database.db, { workspaceId, channelId });
  if (!channel) throw notFound(`Channel "${channelId}"`);
  return channel;
}

/** Checks settings and secrets for the kind; a bad field is a 400 that names it. */
function checked(kind: AlertChannelRow["kind"], settings: unknown, secrets: unknown) {
  try {
    return parseChannelConfig(kind, { settings, secrets });
  } catch (error) {
    if (error instanceof ChannelConfigError) throw badRequest(error.message);
    throw error;
  }
}

export async function createChannel(
  deps: ApiDeps,
  workspaceId: string,
  input: {
    key: string;
    name: string;
    kind: AlertChannelRow["kind"];
    settings: Record<string, unknown>;
    secrets: Record<string, unknown>;
    allRules: boolean;
    digest: boolean;
    enabled: boolean;
  },
): Promise<AlertChannelRow> {
  await requireWorkspace(deps, workspaceId);
  const { settings, secrets } = checked(input.kind, input.settings, input.secrets);
  const box = channelSecretBox(deps.config);
  const created = await createAlertChannel(deps.database.db, {
    workspaceId,
    channel: {
      ...input,
      settings,
      secrets: Object.keys(secrets).length > 0 ? sealChannelSecrets(box, secrets) : null,
    },
  });
  if (!created) throw new ApiError(409, "conflict", `A channel with key "${input.key}" already exists`);
  return created;
}

/** Omitted secrets keep the stored ones; the merged config is checked as a whole. */
export async function changeChannel(
  deps: ApiDeps,
  workspaceId: string,
  channelId: string,
  change: {
    name?: string | undefined;
    settings?: Record<string, unknown> | undefined;
    secrets?: Record<string, unknown> | undefined;
    allRules?: boolean | undefined;
    digest?: boolean | undefined;
    enabled?: boolean | undefined;
  },
): Promise<AlertChannelRow> {
  const existing = await requireChannel(deps, workspaceId, channelId);
  const box = channelSecretBox(deps.config);
  const storedSecrets = existing.secrets ? (JSON.parse(box.open(existing.secrets)) as Record<string, unknown>) : {};
  const { settings, secrets } = checked(
    existing.kind,
    change.settings ?? existing.settings,
    change.secrets ?? storedSecrets,
  );
  const updated = await updateAlertChannel(deps.database.db, {
    workspaceId,
    channelId,
    changes: {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.allRules !== undefined ? { allRules: change.allRules } : {}),
      ...(change.digest !== undefined ? { digest: change.digest } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      settings,
      secrets: Object.keys(secrets).length > 0 ? sealChannelSecrets(box, secrets) : null,
    },
  });
  if (!updated) throw notFound(`Channel "${channelId}"`);
  // Opening proves the stored row is usable by the worker.
  openChannel(updated, box);
  return updated;
}
