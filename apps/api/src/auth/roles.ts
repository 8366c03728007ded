import { type WorkspaceRole, workspaceRoles } from "@revops/db";

const roleRank = (role: WorkspaceRole) => workspaceRoles.indexOf(role);

export const atLeast = (role: WorkspaceRole, required: WorkspaceRole) => roleRank(role) >= roleRank(required);

/** The weaker of two roles: a token acts with its own role, never above its creator's. */
export const weakerRole = (a: WorkspaceRole, b: WorkspaceRole) => (roleRank(a) <= roleRank(b) ? a : b);
