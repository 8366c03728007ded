import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

type Role = "viewer" | "editor" | "admin" | "owner";
const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/**
 * Whether the signed-in person has at least `required` in the workspace (from /me/workspaces).
 * While unknown the control shows; the API still refuses with its own message.
 */
export function useAllowed(workspace: string, required: Role): boolean {
  const me = useQuery({
    queryKey: ["me-workspaces"],
    queryFn: async () => unwrap(await api.GET("/api/v1/me/workspaces")),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const role = me.data?.workspaces.find((w) => w.id === workspace)?.role as Role | undefined;
  return role === undefined ? !me.data : rank[role] >= rank[required];
}
