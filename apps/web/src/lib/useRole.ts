import { useQuery } from "@tanstack/react-query";
import { getPending } from "../api/pending";

type Role = "viewer" | "editor" | "admin" | "owner";
const rank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/**
 * Whether the signed-in person has at least `required` in the workspace (from /me/workspaces).
 * Unknown (no sign-in on this server) counts as allowed: the API still refuses with its message.
 */
export function useAllowed(workspace: string, required: Role): boolean {
  const me = useQuery({
    queryKey: ["me-workspaces"],
    queryFn: () => getPending<{ workspaces: Array<{ id: string; role: Role }> }>("/api/v1/me/workspaces"),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const role = me.data?.workspaces.find((w) => w.id === workspace)?.role;
  return role === undefined ? !me.data : rank[role] >= rank[required];
}
