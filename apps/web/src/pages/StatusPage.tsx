import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";

const stateLabel = (ok: boolean) => (ok ? "OK" : "Not answering");

export function StatusPage() {
  const status = useQuery({
    queryKey: ["status"],
    queryFn: async () => unwrap(await api.GET("/api/v1/status")),
    refetchInterval: 5_000,
  });
  return (
    <section aria-labelledby="status-title">
      <h1 id="status-title">System status</h1>
      <QueryState query={status}>
        {(data) => (
          <dl className="status-grid" data-testid="status">
            <dt>Database</dt>
            <dd data-testid="status-database">
              <span className={data.database.ok ? "badge ok" : "badge bad"}>{stateLabel(data.database.ok)}</span>{" "}
              {data.database.kind === "pglite" ? "Embedded PGlite" : "PostgreSQL"} ({data.database.location})
            </dd>
            <dt>Redis</dt>
            <dd data-testid="status-redis">
              <span className={data.redis.ok ? "badge ok" : "badge bad"}>{stateLabel(data.redis.ok)}</span>{" "}
              {data.redis.ok ? "" : data.redis.detail}
            </dd>
            <dt>Worker</dt>
            <dd data-testid="status-worker">
              <span className={data.worker.state === "running" ? "badge ok" : "badge bad"}>
                {data.worker.state === "running" ? "Running" : data.worker.state === "down" ? "Down" : "Unknown"}
              </span>{" "}
              {data.worker.live} live
              {data.worker.lastBeatAt
                ? `, last heartbeat ${new Date(data.worker.lastBeatAt).toLocaleTimeString()}`
                : ""}
            </dd>
          </dl>
        )}
      </QueryState>
    </section>
  );
}
