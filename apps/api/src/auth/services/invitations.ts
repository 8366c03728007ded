import {
  type Database,
  ensureUser,
  findMembership,
  findOpenInvitation,
  findUserByEmail,
  insertInvitation,
  markInvitationAccepted,
  normaliseEmail,
  recordAudit,
  upsertMembership,
  type WorkspaceRole,
} from "@revops/db";
import { ApiError } from "../../errors.ts";
import { forbidden } from "../errors.ts";
import { hashPassword } from "../password.ts";
import { atLeast } from "../roles.ts";
import { hashSecret, newSecret } from "../secrets.ts";

const invitationTtlMs = 7 * 24 * 3_600_000;

const invalidLink = () =>
  new ApiError(404, "invitation_not_found", "This invitation link is not valid any more; ask for a new one.");

/** Creates an invitation; the link token is returned once and only its hash is kept. */
export async function inviteMember(
  db: Database,
  input: { workspaceId: string; email: string; role: WorkspaceRole; actor: string; publicUrl: string },
) {
  const token = newSecret();
  const invitation = await insertInvitation(db, {
    workspaceId: input.workspaceId,
    email: normaliseEmail(input.email),
    role: input.role,
    tokenHash: hashSecret(token),
    invitedBy: input.actor,
    expiresAt: new Date(Date.now() + invitationTtlMs),
  });
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "member.invited",
    target: invitation.email,
    detail: { role: input.role, invitationId: invitation.id },
  });
  return { invitation, link: `${input.publicUrl.replace(/\/$/, "")}/invite/${token}` };
}

export async function openInvitation(db: Database, token: string) {
  const found = await findOpenInvitation(db, { tokenHash: hashSecret(token), now: new Date() });
  if (!found) throw invalidLink();
  return found;
}

/** Joins the invitation's workspace; an existing stronger role is kept. */
async function join(
  db: Database,
  invitation: Awaited<ReturnType<typeof openInvitation>>,
  userId: string,
  email: string,
) {
  if (!(await markInvitationAccepted(db, { invitationId: invitation.id, now: new Date() }))) throw invalidLink();
  const current = await findMembership(db, { workspaceId: invitation.workspaceId, userId });
  const role = current && atLeast(current.role, invitation.role) ? current.role : invitation.role;
  await upsertMembership(db, { workspaceId: invitation.workspaceId, userId, role });
  await recordAudit(db, {
    workspaceId: invitation.workspaceId,
    actor: email,
    action: "member.joined",
    target: email,
    detail: { role, invitationId: invitation.id },
  });
  return { workspaceId: invitation.workspaceId, role };
}

export async function acceptInvitation(db: Database, token: string, person: { userId: string; email: string }) {
  const invitation = await openInvitation(db, token);
  if (invitation.email !== person.email)
    throw forbidden("This invitation is for another email address; sign in with that one.");
  return join(db, invitation, person.userId, person.email);
}

/** A new person accepts with a password; an existing account must sign in and accept instead. */
export async function signUpWithInvitation(
  db: Database,
  token: string,
  input: { name: string; password: string; scryptLogN: number },
) {
  const invitation = await openInvitation(db, token);
  if (await findUserByEmail(db, { email: invitation.email }))
    throw new ApiError(409, "account_exists", "You already have an account: sign in, then open the link again.");
  const person = await ensureUser(db, {
    email: invitation.email,
    name: input.name,
    passwordHash: await hashPassword(input.password, input.scryptLogN),
  });
  const joined = await join(db, invitation, person.id, person.email);
  return { person, ...joined };
}
