import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { EmptyState } from "../layout/EmptyState";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { formatDateTime } from "../lib/format";
import { setSearchParams, useSearchParam } from "../router";
import { Acknowledgement } from "./Acknowledgement";
import type { AlertDelivery, AlertEntry } from "./alert-types";

const pageSize = 50;
const kindText = { at_risk: "At risk", breached: "Breached", escalated: "Escalated" } as const;
const kindIcon = { at_risk: "!", breached: "✕", escalated: "⇑" } as const;
const kindState = { at_risk: "state-amber", breached: "state-red", escalated: "state-red" } as const;

export default function AlertsPage() {
  return <WorkspaceGate>{(workspace) => <Alerts workspace={workspace.id} />}</WorkspaceGate>;
}

function Alerts(props: { workspace: string }) {
  const kind = useSearchParam("kind");
  const page = Math.max(0, Number(useSearchParam("page") ?? 0) || 0);
  const alerts = useQuery({
    queryKey: ["alerts", props.workspace, kind, page],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/alerts", {
          params: {
            path: { workspace: props.workspace },
            query: { kind: (kind as AlertEntry["kind"] | null) ?? undefined, limit: pageSize, offset: page * pageSize },
          },
        }),
      ),
    refetchInterval: 30_000,
  });
  return (
    <section aria-labelledby="alerts-title">
      <header className="page-head">
        <div>
          <h1 id="alerts-title">Alerts</h1>
          <Freshness workspace={props.workspace} />
        </div>
      </header>
      <fieldset className="controls">
        <legend className="visually-hidden">Alert filters</legend>
        <div className="control">
          <label htmlFor="alert-kind">State</label>
          <select
            id="alert-kind"
            value={kind ?? ""}
            onChange={(e) => setSearchParams({ kind: e.target.value || null, page: null })}
          >
            <option value="">All states</option>
            <option value="at_risk">At risk</option>
            <option value="breached">Breached</option>
            <option value="escalated">Escalated</option>
          </select>
        </div>
      </fieldset>
      <QueryState query={alerts}>
        {(data) =>
          data.alerts.length === 0 ? (
            <EmptyState title={kind ? `No ${kindText[kind as keyof typeof kindText] ?? kind} alerts` : "No alerts yet"}>
              Alerts appear when a lead or deal gets close to an SLA deadline or misses it. Check the SLA rules and
              their channels on the <a href="/definitions">Definitions</a> page.
            </EmptyState>
          ) : (
            <div className="panel">
              <p className="muted">
                {data.total} alert{data.total === 1 ? "" : "s"}, newest first
              </p>
              <div className="table-scroll">
                <table className="data-table" data-testid="alerts-table">
                  <caption className="visually-hidden">Alert history</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">State</th>
                      <th scope="col">Rule</th>
                      <th scope="col">Record</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Deadline</th>
                      <th scope="col">Delivery</th>
                      <th scope="col">Acknowledged</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.alerts.map((alert) => (
                      <tr key={alert.id}>
                        <td>{formatDateTime(alert.dueAt)}</td>
                        <td>
                          <span className={`state-badge ${kindState[alert.kind]}`}>
                            <span aria-hidden="true">{kindIcon[alert.kind]} </span>
                            {kindText[alert.kind]}
                          </span>
                        </td>
                        <td>{alert.ruleName}</td>
                        <th scope="row">
                          <RecordLink alert={alert} />
                        </th>
                        <td>{alert.ownerName ?? "—"}</td>
                        <td>{formatDateTime(alert.deadlineAt)}</td>
                        <td>
                          <Deliveries deliveries={alert.deliveries ?? []} />
                        </td>
                        <td>
                          <Acknowledgement workspace={props.workspace} alert={alert} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label="Alert pages">
                <button type="button" disabled={page === 0} onClick={() => setSearchParams({ page: String(page - 1) })}>
                  Newer
                </button>
                <span className="muted">
                  Page {page + 1} of {Math.max(1, Math.ceil(data.total / pageSize))}
                </span>
                <button
                  type="button"
                  disabled={(page + 1) * pageSize >= data.total}
                  onClick={() => setSearchParams({ page: String(page + 1) })}
                >
                  Older
                </button>
              </nav>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

function RecordLink({ alert }: { alert: AlertEntry }) {
  const name = `${alert.entityKind === "lead" ? "Lead" : "Deal"} ${alert.entityName ?? alert.entityId}`;
  if (!alert.recordUrl) return <>{name}</>;
  return (
    <a href={alert.recordUrl} target="_blank" rel="noreferrer">
      {name}
      <span className="visually-hidden"> (opens in the CRM)</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}

const deliveryState: Record<string, string> = { delivered: "state-green", failed: "state-red" };

function Deliveries({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (deliveries.length === 0) return <span className="muted">No channel</span>;
  return (
    <ul className="plain-list">
      {deliveries.map((d) => (
        <li key={d.channelId}>
          {d.channelKey} ({d.channelKind}):{" "}
          <span className={`state-badge ${deliveryState[d.status] ?? "state-amber"}`}>{d.status}</span>
          {d.attempts > 1 ? ` after ${d.attempts} attempts` : ""}
          {d.notBefore && d.status === "pending" ? ` (quiet hours until ${formatDateTime(d.notBefore)})` : ""}
          {d.lastError && d.status !== "delivered" ? <span className="field-error"> {d.lastError}</span> : null}
        </li>
      ))}
    </ul>
  );
}
