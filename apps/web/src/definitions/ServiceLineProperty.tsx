import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { useConnections, useSyncNow } from "../connections/useConnections";
import { errorMessage } from "../meeting/useMeeting";

type Connection = components["schemas"]["Connection"];

// Each CRM names the setting differently (packages/connectors settings); both default in the API.
const settingOf = (crm: Connection["crm"]) => (crm === "hubspot" ? "serviceLineProperty" : "serviceLineField");

/**
 * Where each connected CRM keeps the service line: a connection setting (not a definitions version),
 * saved on its own; records already synced keep their value until the next full sync reads them again.
 */
export function ServiceLineProperty(props: { workspace: string; canEdit: boolean }) {
  const connections = useConnections(props.workspace);
  const list = connections.data?.connections ?? [];
  return (
    <div className="line-property" data-testid="service-line-property">
      <h3 id="line-property-title">The CRM property holding the service line</h3>
      {list.length === 0 && <p className="muted">No CRM connected yet (Connections & data).</p>}
      {list.map((connection) => (
        <PropertyField
          key={connection.id}
          workspace={props.workspace}
          connection={connection}
          canEdit={props.canEdit}
        />
      ))}
    </div>
  );
}

function PropertyField(props: { workspace: string; connection: Connection; canEdit: boolean }) {
  const { connection } = props;
  const setting = settingOf(connection.crm);
  const current = String(connection.settings[setting] ?? "");
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed ?? current;
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async (name: string) =>
      unwrap(
        await api.PATCH("/api/v1/workspaces/{workspace}/connections/{connectionId}", {
          params: { path: { workspace: props.workspace, connectionId: connection.id } },
          body: { settings: { [setting]: name } },
        }),
      ),
    onSuccess: async () => {
      setTyped(null);
      await client.invalidateQueries({ queryKey: ["connections", props.workspace] });
    },
  });
  const sync = useSyncNow(props.workspace);
  const id = `line-property-${connection.id}`;
  const error = save.isError ? errorMessage(save.error) : null;
  const submit = () => {
    if (value !== current) save.mutate(value);
  };
  return (
    <div className="field" data-testid="line-property-field">
      <label htmlFor={id}>
        {connection.name} ({connection.crm === "hubspot" ? "HubSpot property" : "Salesforce field"})
      </label>
      <div className="inline-controls">
        <input
          id={id}
          value={value}
          disabled={!props.canEdit}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setTyped(e.target.value)}
          // Enter saves this setting, not the definitions form around it.
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              submit();
            }
          }}
        />
        {props.canEdit && (
          <button type="button" disabled={value === current || save.isPending} onClick={submit}>
            {save.isPending ? "Applying…" : "Apply"}
            <span className="visually-hidden"> to {connection.name}</span>
          </button>
        )}
      </div>
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </span>
      )}
      {save.isSuccess && typed === null && (
        <span className="muted" aria-live="polite">
          Saved. Records already synced keep their service line until a full sync reads them again.{" "}
          <button
            type="button"
            className="link-button"
            disabled={sync.isPending || sync.isSuccess}
            onClick={() => sync.mutate({ connectionId: connection.id, mode: "full" })}
          >
            {sync.isSuccess ? "Full sync queued" : "Run a full sync now"}
          </button>
        </span>
      )}
    </div>
  );
}
