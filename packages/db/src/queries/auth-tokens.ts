import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../client.ts";
import { apiTokens, memberships, users, type WorkspaceRole } from "../schema/auth.ts";

export async function insertApiToken(
  db: Database,
  params: {
    workspaceId: string;
    name: string;
    role: WorkspaceRole;
    tokenHash: string;
    prefix: string;
    createdBy: string;
  },
) {
  const [created] = await db.insert(apiTokens).values(params).returning();
  if (!created) throw new Error("the API token could not be created");
  return created;
}

/**
 * A live token by its hash, with its creator's current role in the token's workspace: a token
 * never outlives or outranks the membership of the person who made it.
 */
export async function findLiveApiToken(db: Database, params: { tokenHash: string }) {
  const [found] = await db
    .select({
      id: apiTokens.id,
      workspaceId: apiTokens.workspaceId,
      name: apiTokens.name,
      role: apiTokens.role,
      prefix: apiTokens.prefix,
      createdBy: apiTokens.createdBy,
      creatorEmail: users.email,
      creatorRole: memberships.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.createdBy), eq(memberships.workspaceId, apiTokens.workspaceId)),
    )
    .where(and(eq(apiTokens.tokenHash, params.tokenHash), isNull(apiTokens.revokedAt)));
  return found;
}

export async function touchApiToken(db: Database, params: { tokenId: string; now: Date }) {
  await db.update(apiTokens).set({ lastUsedAt: params.now }).where(eq(apiTokens.id, params.tokenId));
}

export function listApiTokens(db: Database, params: { workspaceId: string }) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      prefix: apiTokens.prefix,
      createdBy: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, params.workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Database, params: { workspaceId: string; tokenId: string; now: Date }) {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: params.now })
    .where(
      and(eq(apiTokens.workspaceId, params.workspaceId), eq(apiTokens.id, params.tokenId), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
