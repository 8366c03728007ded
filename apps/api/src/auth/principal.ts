import type { WorkspaceRole } from "@revops/db";

/** Who is calling: a signed-in person (session cookie) or an API token for one workspace. */
export type Principal =
  | { kind: "person"; userId: string; email: string; name: string; sessionHash: string; csrfToken: string }
  | {
      kind: "token";
      tokenId: string;
      workspaceId: string;
      /** The token's own role, capped by its creator's current role. */
      role: WorkspaceRole;
      userId: string;
      email: string;
    };

/** The caller's role in the workspace of the request path, once withAuth checked it. */
export interface WorkspaceAccess {
  workspaceId: string;
  role: WorkspaceRole;
}
