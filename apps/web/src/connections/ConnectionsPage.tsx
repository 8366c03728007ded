import { EmptyState } from "../layout/EmptyState";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { formatAgo, formatDateTime } from "../lib/format";
import { useAllowed } from "../lib/useRole";
import { errorMessage } from "../meeting/useMeeting";
import { AlertChannels } from "./AlertChannels";
import { DataQuality } from "./DataQuality";
import { SyncRuns } from "./SyncRuns";
import { useConnections, useFreshness, useSyncNow } from "./useConnections";

const statusState: Record<string, string> = {
  ok: "state-green",
  syncing: "state-amber",
  needs_reconnect: "state-red",
  error: "state-red",
};

export default function ConnectionsPage() {
  return <WorkspaceGate>{(workspace) => <Connections workspace={workspace.id} />}</WorkspaceGate>;
}

function Connections(props: { workspace: string }) {
  const connections = useConnections(props.workspace);
  const freshness = useFreshness(props.workspace, { live: true });
  const syncNow = useSyncNow(props.workspace);
  const canSync = useAllowed(props.workspace, "admin");
  const lastSync = new Map((freshness.data?.connections ?? []).map((c) => [c.connectionId, c]));
  return (
    <section aria-labelledby="connections-title">
      <header className="page-head">
        <div>
          <h1 id="connections-title">Connections &amp; data</h1>
          <Freshness workspace={props.workspace} known={freshness.data?.connections} />
        </div>
      </header>
      <QueryState query={connections}>
        {(data) =>
          data.connections.length === 0 ? (
            <EmptyState title="No CRM connected yet">
              Run <code>bash scripts/demo.sh</code> to load the sandbox CRM, or connect HubSpot or Salesforce with{" "}
              <code>POST /api/v1/workspaces/{props.workspace}/connections</code> (see the README). The first sync starts
              right away and its progress shows here.
            </EmptyState>
          ) : (
            data.connections.map((connection) => {
              const fresh = lastSync.get(connection.id);
              return (
                <section
                  key={connection.id}
                  className="panel"
                  aria-labelledby={`connection-${connection.id}`}
                  data-testid="connection"
                >
                  <header className="page-head">
                    <h2 id={`connection-${connection.id}`}>
                      {connection.name}{" "}
                      <span className="muted">({connection.crm === "hubspot" ? "HubSpot" : "Salesforce"})</span>
                    </h2>
                    <span className={`state-badge ${statusState[connection.status] ?? "state-none"}`}>
                      {connection.status.replace("_", " ")}
                    </span>
                  </header>
                  <p>
                    Last successful sync {formatDateTime(fresh?.lastSyncAt)} ({formatAgo(fresh?.lastSyncAt)}) · last
                    full sync {formatDateTime(fresh?.lastFullSyncAt)} · syncs every {connection.syncEveryMinutes} min
                  </p>
                  {connection.statusDetail && <p className="field-error">{connection.statusDetail}</p>}
                  {canSync && (
                    <p>
                      <button
                        type="button"
                        disabled={syncNow.isPending}
                        onClick={() => syncNow.mutate({ connectionId: connection.id, mode: "incremental" })}
                      >
                        Sync now<span className="visually-hidden"> {connection.name}</span>
                      </button>{" "}
                      {syncNow.isError && <span className="field-error">{errorMessage(syncNow.error)}</span>}
                    </p>
                  )}
                  <h3>Sync runs</h3>
                  <SyncRuns workspace={props.workspace} connectionId={connection.id} />
                </section>
              );
            })
          )
        }
      </QueryState>
      <DataQuality workspace={props.workspace} />
      <AlertChannels workspace={props.workspace} />
    </section>
  );
}
