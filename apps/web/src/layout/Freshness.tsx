import { useEffect, useState } from "react";
import type { FreshConnection } from "../connections/connection-types";
import { useFreshness } from "../connections/useConnections";
import { formatAgo, formatDateTime } from "../lib/format";

/** "Synced 6 min ago": the stalest connection decides how fresh the numbers are. */
export function Freshness(props: { workspace: string; known?: Array<Pick<FreshConnection, "name" | "lastSyncAt">> }) {
  const connections = useFreshness(props.workspace, { enabled: !props.known });
  const now = useNow(30_000);
  if (props.known) return <FreshnessLine list={props.known} now={now} />;
  if (connections.isPending) return <p className="freshness muted">Checking data freshness…</p>;
  if (connections.isError)
    return (
      <p className="freshness muted" data-testid="freshness" title={connections.error.message}>
        Data freshness unknown
      </p>
    );
  return <FreshnessLine list={connections.data.connections} now={now} />;
}

function FreshnessLine({
  list,
  now,
}: {
  list: Array<{ name: string; lastSyncAt: string | null; status?: string }>;
  now: number;
}) {
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
