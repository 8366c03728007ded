import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { useSearchParam } from "../router";
import { EmptyState } from "./EmptyState";
import { QueryState } from "./QueryState";

export interface WorkspaceSummary {
  id: string;
  name: string;
  timezone: string;
}

function useWorkspaces() {
  return useQuery({
    queryKey: ["workspaces"],
    queryFn: async () => unwrap(await api.GET("/api/v1/workspaces")),
    staleTime: 5 * 60_000,
  });
}

/** The workspace in the URL (?workspace=), else the first one; pages render inside it. */
export function WorkspaceGate(props: { children: (workspace: WorkspaceSummary) => React.ReactNode }) {
  const workspaces = useWorkspaces();
  const wanted = useSearchParam("workspace");
  return (
    <QueryState query={workspaces}>
      {(data) => {
        const workspace = data.workspaces.find((w) => w.id === wanted) ?? data.workspaces[0];
        if (!workspace)
          return (
            <EmptyState title="No workspace yet">
              Start the demo with <code>pnpm demo</code>, or create a workspace and connect HubSpot or Salesforce on the{" "}
              <a href="/connections">Connections &amp; data</a> page.
            </EmptyState>
          );
        if (wanted && wanted !== workspace.id)
          return (
            <EmptyState title={`Workspace "${wanted}" does not exist`}>
              Pick one of: {data.workspaces.map((w) => w.id).join(", ")}.
            </EmptyState>
          );
        return props.children(workspace);
      }}
    </QueryState>
  );
}
