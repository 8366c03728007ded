import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../client.ts";
import { sessions, users } from "../schema/auth.ts";

export async function insertSession(
  db: Database,
  params: { idHash: string; userId: string; csrfToken: string; expiresAt: Date },
) {
  await db.insert(sessions).values(params);
}

/** The live session with that hashed id (not revoked, not expired at `now`) and its person. */
export async function findLiveSession(db: Database, params: { idHash: string; now: Date }) {
  const [found] = await db
    .select({
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, params.idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, params.now)));
  return found;
}

export async function revokeSession(db: Database, params: { idHash: string; now: Date }) {
  await db.update(sessions).set({ revokedAt: params.now }).where(eq(sessions.idHash, params.idHash));
}

/** Ends every session of one person (removed from a workspace, password changed). */
export async function revokeSessionsOfUser(db: Database, params: { userId: string; now: Date }) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: params.now })
    .where(and(eq(sessions.userId, params.userId), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}
