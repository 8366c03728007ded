import { listWorkspacesOfUser } from "@revops/db";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { notSignedIn } from "../errors.ts";
import type { Principal, WorkspaceAccess } from "../principal.ts";

/** The caller withAuth identified; routes behind a non-public policy always have one. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw notSignedIn();
  return principal;
}

export function requirePerson(c: Context<AppEnv>): Extract<Principal, { kind: "person" }> {
  const principal = requirePrincipal(c);
  if (principal.kind !== "person") throw notSignedIn();
  return principal;
}

/** The caller's checked role in the path's workspace. */
export function requireWorkspaceAccess(c: Context<AppEnv>): WorkspaceAccess {
  const access = c.get("workspaceAccess");
  if (!access) throw notSignedIn();
  return access;
}

/** The workspaces the caller may see: a person's memberships, or a token's one workspace. */
export async function visibleWorkspaces(c: Context<AppEnv>) {
  const principal = requirePrincipal(c);
  const rows = await listWorkspacesOfUser(c.get("deps").database.db, { userId: principal.userId });
  if (principal.kind === "person") return rows;
  return rows.filter((row) => row.id === principal.workspaceId).map((row) => ({ ...row, role: principal.role }));
}
