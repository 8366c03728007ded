import { findUserByEmail, normaliseEmail, recordAudit } from "@revops/db";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { spendPasswordCheck, verifyPassword } from "./password.ts";
import { assertSignInAllowed, clearAccountFailures, clientAddress, recordFailedSignIn } from "./rate-limit.ts";
import { startSession } from "./sessions.ts";

/** One message for a wrong password and an unknown email: the answer never tells whether an account exists. */
const wrongCredentials = () => new ApiError(401, "invalid_credentials", "The email or password is not right.");

export async function signInWithPassword(c: Context<AppEnv>, input: { email: string; password: string }) {
  const deps = c.get("deps");
  const email = normaliseEmail(input.email);
  const address = clientAddress(c);
  const prefix = deps.config.queuePrefix;
  await assertSignInAllowed(deps.redis, prefix, email, address);
  const person = await findUserByEmail(deps.database.db, { email });
  const passwordOk = person?.passwordHash
    ? await verifyPassword(input.password, person.passwordHash)
    : await spendPasswordCheck(input.password, deps.config.auth.scryptLogN);
  if (!person || !passwordOk) {
    await recordFailedSignIn(deps.redis, prefix, email, address);
    // The audit trail names the attempted email only for real accounts.
    if (person)
      await recordAudit(deps.database.db, {
        workspaceId: null,
        actor: email,
        action: "sign-in-failed",
        target: email,
        detail: { address },
      });
    c.get("log").info({ address }, "sign-in refused");
    throw wrongCredentials();
  }
  await clearAccountFailures(deps.redis, prefix, email, address);
  const session = await startSession(c, { userId: person.id, email: person.email, method: "password" });
  return { person, ...session };
}
