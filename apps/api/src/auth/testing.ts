import {
  type Database,
  ensureUser,
  insertApiToken,
  insertSession,
  joinEveryWorkspace,
  upsertMembership,
  type WorkspaceRole,
} from "@revops/db";
import { apiTokenPrefix } from "./identify.ts";
import { hashPassword } from "./password.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/** Test wiring only: people, sessions and tokens made directly in the database, for createTestApi(). */
export interface TestCredentials {
  userId: string;
  email: string;
  password: string;
  /** Headers that authenticate a request as this person (session cookie + CSRF token). */
  headers: Record<string, string>;
}

export async function createTestPerson(db: Database, email: string, scryptLogN: number): Promise<TestCredentials> {
  const password = `pw-${newSecret().slice(0, 16)}`;
  const person = await ensureUser(db, {
    email,
    name: email.split("@")[0] ?? email,
    passwordHash: await hashPassword(password, scryptLogN),
  });
  const sessionId = newSecret();
  const csrfToken = newSecret();
  await insertSession(db, {
    idHash: hashSecret(sessionId),
    userId: person.id,
    csrfToken,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return {
    userId: person.id,
    email: person.email,
    password,
    headers: { cookie: `revops_session=${sessionId}; revops_csrf=${csrfToken}`, "x-csrf-token": csrfToken },
  };
}

export async function grantRole(db: Database, userId: string, workspaceId: string, role: WorkspaceRole) {
  await upsertMembership(db, { userId, workspaceId, role });
}

/** Makes the test owner an owner of every workspace that exists (tests create workspaces directly). */
export async function ownEveryWorkspace(db: Database, userId: string) {
  await joinEveryWorkspace(db, { userId, role: "owner" });
}

export async function createTestApiToken(
  db: Database,
  input: { workspaceId: string; role: WorkspaceRole; createdBy: string },
) {
  const token = newSecret(apiTokenPrefix);
  await insertApiToken(db, {
    workspaceId: input.workspaceId,
    name: `test ${input.role}`,
    role: input.role,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, 10),
    createdBy: input.createdBy,
  });
  return token;
}
