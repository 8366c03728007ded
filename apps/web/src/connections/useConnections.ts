import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

const path = (workspace: string) => ({ params: { path: { workspace } } });

/** Last successful sync per connection: what every page's "synced 6 min ago" reads. */
export function useFreshness(workspace: string, options: { enabled?: boolean; live?: boolean } = {}) {
  return useQuery({
    queryKey: ["freshness", workspace],
    enabled: options.enabled ?? true,
    queryFn: async () => unwrap(await api.GET("/api/v1/workspaces/{workspace}/freshness", path(workspace))),
    refetchInterval: options.live ? 2_000 : 60_000,
  });
}

export function useConnections(workspace: string) {
  return useQuery({
    queryKey: ["connections", workspace],
    queryFn: async () => unwrap(await api.GET("/api/v1/workspaces/{workspace}/connections", path(workspace))),
    refetchInterval: 5_000,
  });
}

/** Queues a sync now; the run history then polls its live progress. */
export function useSyncNow(workspace: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { connectionId: string; mode: "full" | "incremental" }) =>
      unwrap(
        await api.POST("/api/v1/workspaces/{workspace}/connections/{connectionId}/sync", {
          params: { path: { workspace, connectionId: input.connectionId } },
          body: { mode: input.mode },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["sync-runs", workspace] }),
  });
}
