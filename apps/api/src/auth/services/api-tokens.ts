import { type Database, insertApiToken, recordAudit, revokeApiToken, type WorkspaceRole } from "@revops/db";
import { notFound } from "../../errors.ts";
import { forbidden } from "../errors.ts";
import { apiTokenPrefix } from "../identify.ts";
import { atLeast } from "../roles.ts";
import { hashSecret, newSecret } from "../secrets.ts";

/** Creates a token for one workspace and role (never above the creator's); the secret is returned once. */
export async function createApiToken(
  db: Database,
  input: {
    workspaceId: string;
    name: string;
    role: WorkspaceRole;
    creator: { userId: string; email: string; role: WorkspaceRole };
  },
) {
  if (!atLeast(input.creator.role, input.role))
    throw forbidden(
      `You cannot create a token with a stronger role (${input.role}) than yours (${input.creator.role}).`,
    );
  const token = newSecret(apiTokenPrefix);
  const created = await insertApiToken(db, {
    workspaceId: input.workspaceId,
    name: input.name,
    role: input.role,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, apiTokenPrefix.length + 6),
    createdBy: input.creator.userId,
  });
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.creator.email,
    action: "api-token.created",
    target: created.id,
    detail: { name: input.name, role: input.role, prefix: created.prefix },
  });
  return { created, token };
}

export async function revokeWorkspaceApiToken(
  db: Database,
  input: { workspaceId: string; tokenId: string; actor: string },
) {
  if (!(await revokeApiToken(db, { ...input, now: new Date() }))) throw notFound("API token");
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "api-token.revoked",
    target: input.tokenId,
  });
}
