import {
  countOwners,
  type Database,
  findMembership,
  recordAudit,
  removeMembership,
  revokeSessionsOfUser,
  upsertMembership,
  type WorkspaceRole,
} from "@revops/db";
import { ApiError, notFound } from "../../errors.ts";

const lastOwner = () =>
  new ApiError(409, "last_owner", "A workspace keeps at least one owner: make someone else owner first.");

export async function changeMemberRole(
  db: Database,
  input: { workspaceId: string; userId: string; role: WorkspaceRole; actor: string },
) {
  const current = await findMembership(db, input);
  if (!current) throw notFound("Member");
  if (current.role === "owner" && input.role !== "owner" && (await countOwners(db, input)) <= 1) throw lastOwner();
  await upsertMembership(db, input);
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "member.role-changed",
    target: input.userId,
    detail: { from: current.role, to: input.role },
  });
}

/** Removes the person from the workspace and ends all their sessions, so they must sign in again. */
export async function removeMember(db: Database, input: { workspaceId: string; userId: string; actor: string }) {
  const current = await findMembership(db, input);
  if (!current) throw notFound("Member");
  if (current.role === "owner" && (await countOwners(db, input)) <= 1) throw lastOwner();
  await removeMembership(db, input);
  const endedSessions = await revokeSessionsOfUser(db, { userId: input.userId, now: new Date() });
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "member.removed",
    target: input.userId,
    detail: { role: current.role, endedSessions },
  });
}
