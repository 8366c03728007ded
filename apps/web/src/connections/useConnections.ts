import { useQuery } from "@tanstack/react-query";
import { getPending } from "../api/pending";
import type { Connection } from "./connection-types";

export function useConnections(workspace: string, options: { live?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["connections", workspace],
    queryFn: () => getPending<{ connections: Connection[] }>(`/api/v1/workspaces/${workspace}/connections`),
    enabled: options.enabled ?? true,
    refetchInterval: options.live ? 2_000 : 60_000,
  });
}
