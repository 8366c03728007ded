import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";

/** The newest changes of the workspace: who did what, when (admins). */
export function AuditLogPanel(props: { workspace: string }) {
  const entries = useQuery({
    queryKey: ["audit-log", props.workspace],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/audit-log", {
          params: { path: { workspace: props.workspace }, query: { limit: 50 } },
        }),
      ),
  });
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <QueryState query={entries}>
        {(data) =>
          data.entries.length === 0 ? (
            <p className="muted">No changes recorded yet.</p>
          ) : (
            <ol data-testid="audit-log">
              {data.entries.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> · {entry.actor} ·{" "}
                  {entry.action} {entry.target}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
