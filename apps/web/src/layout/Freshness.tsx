import { useEffect, useState } from "react";
import { useConnections } from "../connections/useConnections";
import { formatAgo, formatDateTime } from "../lib/format";

/** "Synced 6 min ago": the stalest connection decides how fresh the numbers are. */
export function Freshness(props: { workspace: string }) {
  const connections = useConnections(props.workspace);
  const now = useNow(30_000);
  if (connections.isPending) return <p className="freshness muted">Checking data freshness…</p>;
  if (connections.isError)
    return (
      <p className="freshness muted" data-testid="freshness">
        Data freshness unknown ({connections.error.message})
      </p>
    );
  const list = connections.data.connections;
  if (list.length === 0)
    return (
      <p className="freshness muted" data-testid="freshness">
        No CRM connected yet — <a href="/connections">connect HubSpot or Salesforce</a>.
      </p>
    );
  const synced = list.map((c) => c.lastSyncAt).filter((at): at is string => at !== null);
  const stalest = synced.length === list.length ? synced.sort()[0] : null;
  const running = list.some((c) => c.status === "syncing");
  return (
    <p
      className="freshness"
      data-testid="freshness"
      title={list.map((c) => `${c.name}: ${formatDateTime(c.lastSyncAt)}`).join("\n")}
    >
      <span aria-hidden="true">⟳ </span>
      {stalest ? `Synced ${formatAgo(stalest, now)}` : "Not fully synced yet"}
      {running ? " · a sync is running" : ""}
    </p>
  );
}

function useNow(everyMs: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
