import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";
import { formatAgo } from "../lib/format";

/** Alert channels and their delivery health: a channel that keeps failing is flagged here. */
export function AlertChannels(props: { workspace: string }) {
  const channels = useQuery({
    queryKey: ["channels", props.workspace],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/channels", { params: { path: { workspace: props.workspace } } }),
      ),
    refetchInterval: 30_000,
  });
  return (
    <section className="panel" aria-labelledby="channels-title" data-testid="alert-channels">
      <h2 id="channels-title">Alert channels</h2>
      <QueryState query={channels}>
        {(data) =>
          data.channels.length === 0 ? (
            <p className="muted">
              No alert channel yet: SLA alerts show on the Alerts page only. Add Slack, email or a webhook with{" "}
              <code>POST /api/v1/workspaces/{props.workspace}/channels</code>.
            </p>
          ) : (
            <table>
              <caption className="visually-hidden">Alert channels and their delivery health</caption>
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Health</th>
                  <th scope="col">Last delivered</th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {data.channels.map((channel) => (
                  <tr key={channel.id} data-testid="alert-channel">
                    <th scope="row">{channel.name}</th>
                    <td>{channel.kind}</td>
                    <td>
                      {channel.health.flagged ? (
                        <span className="state-badge state-red">
                          ✕ Failing ({channel.health.consecutiveFailures} in a row)
                        </span>
                      ) : channel.enabled ? (
                        <span className="state-badge state-green">✓ Healthy</span>
                      ) : (
                        <span className="state-badge state-none">Disabled</span>
                      )}
                    </td>
                    <td>{channel.health.lastSuccessAt ? formatAgo(channel.health.lastSuccessAt) : "never"}</td>
                    <td>{channel.health.lastError ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
