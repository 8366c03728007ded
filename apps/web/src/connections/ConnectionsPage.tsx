import { EmptyState } from "../layout/EmptyState";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { formatAgo, formatDateTime } from "../lib/format";
import { DataQuality } from "./DataQuality";
import { SyncRuns } from "./SyncRuns";
import { useConnections } from "./useConnections";

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
  const connections = useConnections(props.workspace, { live: true });
  return (
    <section aria-labelledby="connections-title">
      <header className="page-head">
        <div>
          <h1 id="connections-title">Connections &amp; data</h1>
          <Freshness workspace={props.workspace} />
        </div>
      </header>
      <QueryState query={connections}>
        {(data) =>
          data.connections.length === 0 ? (
            <EmptyState title="No CRM connected yet">
              Connect HubSpot or Salesforce through the API (
              <code>POST /api/v1/workspaces/{props.workspace}/connections</code>
              ), or run <code>pnpm demo</code> to load the sandbox CRM. The first sync starts right away.
            </EmptyState>
          ) : (
            data.connections.map((connection) => (
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
                  Last sync {formatDateTime(connection.lastSyncAt)} ({formatAgo(connection.lastSyncAt)})
                  {connection.syncEveryMinutes ? ` · syncs every ${connection.syncEveryMinutes} min` : ""}
                </p>
                {connection.statusDetail && <p className="field-error">{connection.statusDetail}</p>}
                <h3>Sync runs</h3>
                <SyncRuns workspace={props.workspace} connectionId={connection.id} />
              </section>
            ))
          )
        }
      </QueryState>
      <DataQuality workspace={props.workspace} />
    </section>
  );
}
