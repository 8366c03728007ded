import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";

export type Role = "viewer" | "editor" | "admin" | "owner";
const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** The signed-in person and their workspaces; `signedIn` is false on a 401. */
export function useSession() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const result = await api.GET("/api/v1/me");
      if (result.response.status === 401) return { signedIn: false as const };
      if (!result.data) throw new Error(`The server answered ${result.response.status}`);
      return { signedIn: true as const, ...result.data };
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** The current person's role in a workspace (undefined while loading or when not a member). */
export function useWorkspaceRole(workspace: string): Role | undefined {
  const session = useSession();
  if (!session.data?.signedIn) return undefined;
  return session.data.workspaces.find((entry) => entry.id === workspace)?.role;
}

export const roleAtLeast = (role: Role | undefined, required: Role) =>
  role !== undefined && rank[role] >= rank[required];

/** After sign-in or sign-out every cached answer belongs to someone else: start over. */
export function useResetSession() {
  const queries = useQueryClient();
  return () => queries.resetQueries();
}
