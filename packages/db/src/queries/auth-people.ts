import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { memberships, users, type WorkspaceRole } from "../schema/auth.ts";
import { workspaces } from "../schema/workspaces.ts";

export type User = typeof users.$inferSelect;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Database, params: { email: string }): Promise<User | undefined> {
  const [found] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(params.email)));
  return found;
}

export async function findUserById(db: Database, params: { userId: string }): Promise<User | undefined> {
  const [found] = await db.select().from(users).where(eq(users.id, params.userId));
  return found;
}

export async function findUserByOidcSubject(db: Database, params: { subject: string }): Promise<User | undefined> {
  const [found] = await db.select().from(users).where(eq(users.oidcSubject, params.subject));
  return found;
}

/** Creates the person, or returns the existing one with that email (the password is only set on creation). */
export async function ensureUser(
  db: Database,
  params: { email: string; name?: string; passwordHash?: string | null; oidcSubject?: string },
): Promise<User> {
  await db
    .insert(users)
    .values({ ...params, email: normaliseEmail(params.email) })
    .onConflictDoNothing({ target: users.email });
  const found = await findUserByEmail(db, params);
  if (!found) throw new Error("the person could not be created");
  return found;
}

export async function setUserPassword(db: Database, params: { userId: string; passwordHash: string }) {
  await db.update(users).set({ passwordHash: params.passwordHash }).where(eq(users.id, params.userId));
}

export async function linkOidcSubject(db: Database, params: { userId: string; subject: string }) {
  await db.update(users).set({ oidcSubject: params.subject }).where(eq(users.id, params.userId));
}

export async function findMembership(
  db: Database,
  params: { workspaceId: string; userId: string },
): Promise<{ role: WorkspaceRole } | undefined> {
  const [found] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, params.workspaceId), eq(memberships.userId, params.userId)));
  return found;
}

/** Adds the person to the workspace, or changes their role when they already belong to it. */
export async function upsertMembership(
  db: Database,
  params: { workspaceId: string; userId: string; role: WorkspaceRole },
) {
  await db
    .insert(memberships)
    .values(params)
    .onConflictDoUpdate({ target: [memberships.userId, memberships.workspaceId], set: { role: params.role } });
}

export async function removeMembership(db: Database, params: { workspaceId: string; userId: string }) {
  const removed = await db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, params.workspaceId), eq(memberships.userId, params.userId)))
    .returning({ userId: memberships.userId });
  return removed.length > 0;
}

export function listMembers(db: Database, params: { workspaceId: string }) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, params.workspaceId))
    .orderBy(asc(users.email));
}

export async function countOwners(db: Database, params: { workspaceId: string }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, params.workspaceId), eq(memberships.role, "owner")));
  return row?.count ?? 0;
}

/** The workspaces one person belongs to, with their role in each. */
export function listWorkspacesOfUser(db: Database, params: { userId: string }) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      timezone: workspaces.timezone,
      fiscalYearStartMonth: workspaces.fiscalYearStartMonth,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, params.userId))
    .orderBy(asc(workspaces.name));
}

/** Gives the person `role` in every workspace they are not in yet (test wiring: tests create workspaces directly). */
export async function joinEveryWorkspace(db: Database, params: { userId: string; role: WorkspaceRole }) {
  await db.execute(
    sql`insert into memberships (user_id, workspace_id, role) select ${params.userId}::uuid, id, ${params.role} from workspaces on conflict do nothing`,
  );
}
