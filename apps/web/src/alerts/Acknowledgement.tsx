import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { formatDateTime } from "../lib/format";
import { useAllowed } from "../lib/useRole";
import type { AlertEntry } from "./alert-types";

/** Who acknowledged the alert; editors and above may acknowledge an open one, viewers only read. */
export function Acknowledgement(props: { workspace: string; alert: AlertEntry }) {
  const { workspace, alert } = props;
  const mayAcknowledge = useAllowed(workspace, "editor");
  const client = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/workspaces/{workspace}/alerts/{alertId}/acknowledge", {
          params: { path: { workspace, alertId: alert.id } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["alerts", workspace] }),
  });
  if (alert.acknowledgedAt)
    return (
      <span>
        Acknowledged by {alert.acknowledgedBy ?? "someone"}, {formatDateTime(alert.acknowledgedAt)}
      </span>
    );
  if (!mayAcknowledge) return <span className="muted">Open</span>;
  const record = alert.entityName ?? alert.entityId;
  return (
    <>
      <button
        type="button"
        disabled={acknowledge.isPending}
        aria-label={`Acknowledge the alert on ${record}`}
        onClick={() => acknowledge.mutate()}
      >
        Acknowledge
      </button>
      {acknowledge.error ? (
        <span role="alert" className="field-error">
          {" "}
          {acknowledge.error.message}
        </span>
      ) : null}
    </>
  );
}
