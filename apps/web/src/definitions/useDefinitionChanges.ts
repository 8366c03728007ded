import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import type { Definitions } from "./draft";

export function useDefinitionHistory(workspace: string) {
  return useQuery({
    queryKey: ["definition-history", workspace],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/workspaces/{workspace}/definitions/versions", { params: { path: { workspace } } })),
  });
}

/** Saves changed sections as a new version; every number computed from definitions is refetched. */
export function useChangeDefinitions(workspace: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { changes: Partial<Definitions>; note: string; basedOnVersion: number }) =>
      unwrap(
        await api.PATCH("/api/v1/workspaces/{workspace}/definitions", {
          params: { path: { workspace } },
          body: { changes: input.changes, note: input.note || undefined, basedOnVersion: input.basedOnVersion },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ["definitions", workspace] }),
        client.invalidateQueries({ queryKey: ["definition-history", workspace] }),
        client.invalidateQueries({ queryKey: ["review", workspace] }),
        client.invalidateQueries({ queryKey: ["review-records"] }),
      ]);
    },
  });
}
