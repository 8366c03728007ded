import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

export function useDefinitions(workspace: string) {
  return useQuery({
    queryKey: ["definitions", workspace],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/workspaces/{workspace}/definitions", { params: { path: { workspace } } })),
  });
}

/** The first-touch SLA target that applies to a service line (a rule for the line wins over a general one). */
export function firstTouchTargetMinutes(
  rules: Array<{ kind: string; targetMinutes: number; filters: { serviceLines?: string[] } }>,
  serviceLine: string,
): number | null {
  const firstTouch = rules.filter((r) => r.kind === "first_touch");
  const specific = firstTouch.find((r) => r.filters.serviceLines?.includes(serviceLine));
  const general = firstTouch.find((r) => !r.filters.serviceLines?.length);
  return (specific ?? general)?.targetMinutes ?? null;
}
