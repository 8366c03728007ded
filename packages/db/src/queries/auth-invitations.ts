import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../client.ts";
import { invitations, type WorkspaceRole } from "../schema/auth.ts";
import { workspaces } from "../schema/workspaces.ts";

export async function insertInvitation(
  db: Database,
  params: {
    workspaceId: string;
    email: string;
    role: WorkspaceRole;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  const [created] = await db.insert(invitations).values(params).returning();
  if (!created) throw new Error("the invitation could not be created");
  return created;
}

/** An open invitation (not accepted, not revoked, not expired) by its hashed link token. */
export async function findOpenInvitation(db: Database, params: { tokenHash: string; now: Date }) {
  const [found] = await db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, params.tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, params.now),
      ),
    );
  return found;
}

/** Marks the invitation used; false when someone else used it first. */
export async function markInvitationAccepted(db: Database, params: { invitationId: string; now: Date }) {
  const accepted = await db
    .update(invitations)
    .set({ acceptedAt: params.now })
    .where(and(eq(invitations.id, params.invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return accepted.length > 0;
}

export function listInvitations(db: Database, params: { workspaceId: string }) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedBy: invitations.invitedBy,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.workspaceId, params.workspaceId))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: Database, params: { workspaceId: string; invitationId: string; now: Date }) {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: params.now })
    .where(
      and(
        eq(invitations.workspaceId, params.workspaceId),
        eq(invitations.id, params.invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return revoked.length > 0;
}
