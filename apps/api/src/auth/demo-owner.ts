import { randomBytes } from "node:crypto";
import { type Database, ensureUser, setUserPassword, upsertMembership } from "@revops/db";
import type { AuthConfig } from "./config.ts";
import { hashPassword } from "./password.ts";

/**
 * First run: the demo workspace gets an owner who can sign in. The password is DEMO_OWNER_PASSWORD,
 * or a new random one at each start (printed once, never stored in clear).
 */
export async function ensureDemoOwner(db: Database, workspaceId: string, auth: AuthConfig) {
  const password = auth.demoOwnerPassword ?? randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password, auth.scryptLogN);
  const owner = await ensureUser(db, { email: auth.demoOwnerEmail, name: "Demo owner", passwordHash });
  await setUserPassword(db, { userId: owner.id, passwordHash });
  await upsertMembership(db, { userId: owner.id, workspaceId, role: "owner" });
  return { email: owner.email, password, generated: auth.demoOwnerPassword === undefined };
}
