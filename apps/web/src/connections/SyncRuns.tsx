import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";
import { formatCount, formatDateTime } from "../lib/format";
import type { SyncRun } from "./connection-types";

const runState: Record<string, string> = {
  queued: "state-none",
  running: "state-amber",
  succeeded: "state-green",
  failed: "state-red",
  needs_reconnect: "state-red",
};

/** A connection's runs, newest first; polls every 2 s while one is running (live progress). */
export function SyncRuns(props: { workspace: string; connectionId: string }) {
  const runs = useQuery({
    queryKey: ["sync-runs", props.workspace, props.connectionId],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/sync-runs", {
          params: { path: { workspace: props.workspace }, query: { connectionId: props.connectionId, limit: 20 } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.runs.some((r) => r.status === "running" || r.status === "queued") ? 2_000 : 30_000,
  });
  return (
    <QueryState query={runs}>
      {(data) => {
        const running = data.runs.find((r) => r.status === "running");
        return (
          <>
            {running && <LiveProgress run={running} />}
            {data.runs.length === 0 ? (
              <p className="muted">No sync has run yet.</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table" data-testid="sync-runs">
                  <caption className="visually-hidden">Sync runs</caption>
                  <thead>
                    <tr>
                      <th scope="col">Started</th>
                      <th scope="col">Mode</th>
                      <th scope="col">Why</th>
                      <th scope="col">Status</th>
                      <th scope="col">Records</th>
                      <th scope="col">Finished</th>
                      <th scope="col">Errors</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.runs.map((run) => (
                      <tr key={run.id}>
                        <td>{formatDateTime(run.startedAt)}</td>
                        <td>{run.mode}</td>
                        <td>{run.reason}</td>
                        <td>
                          <span className={`state-badge ${runState[run.status] ?? "state-none"}`}>
                            {run.status.replace("_", " ")}
                          </span>
                        </td>
                        <td>{formatCount(Object.values(run.recordsByObject).reduce((a, b) => a + b, 0))}</td>
                        <td>{formatDateTime(run.finishedAt)}</td>
                        <td>
                          {run.errors.length === 0 ? (
                            "—"
                          ) : (
                            <details>
                              <summary>
                                {run.errors.length} error{run.errors.length === 1 ? "" : "s"}
                              </summary>
                              <ul className="plain-list">
                                {run.errors.slice(0, 10).map((e) => (
                                  <li key={`${e.at}-${e.message}`} className="field-error">
                                    {e.object ? `${e.object}: ` : ""}
                                    {e.message}
                                  </li>
                                ))}
                              </ul>
                            </details>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </QueryState>
  );
}

function LiveProgress({ run }: { run: SyncRun }) {
  const progress = run.progress;
  return (
    <div className="live-progress" role="status" aria-live="polite" data-testid="sync-progress">
      <span className="spinner" aria-hidden="true" /> Syncing
      {progress?.object ? ` ${progress.object}` : ""}
      {progress?.phase ? ` (${progress.phase})` : ""}: {formatCount(progress?.records ?? 0)} records,{" "}
      {formatCount(progress?.pages ?? run.pages)} pages so far
    </div>
  );
}
