import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";

/** Admins make tokens for scripts and BI tools: one workspace, one role, the secret shown once. */
export function ApiTokensPanel(props: { workspace: string }) {
  const queries = useQueryClient();
  const path = { params: { path: { workspace: props.workspace } } };
  const [name, setName] = useState("");
  const tokens = useQuery({
    queryKey: ["api-tokens", props.workspace],
    queryFn: async () => unwrap(await api.GET("/api/v1/workspaces/{workspace}/api-tokens", path)),
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/v1/workspaces/{workspace}/api-tokens", { ...path, body: { name, role: "viewer" } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["api-tokens", props.workspace] }),
  });
  const revoke = useMutation({
    mutationFn: async (tokenId: string) =>
      api.DELETE("/api/v1/workspaces/{workspace}/api-tokens/{tokenId}", {
        params: { path: { workspace: props.workspace, tokenId } },
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["api-tokens", props.workspace] }),
  });
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens (read only, for BI tools)</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Looker" />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create a token
        </button>
      </form>
      {create.data ? (
        <p data-testid="api-token">
          Copy it now, it is not shown again: <code>{create.data.token}</code>
        </p>
      ) : null}
      <QueryState query={tokens}>
        {(data) => (
          <ul>
            {data.tokens
              .filter((token) => !token.revokedAt)
              .map((token) => (
                <li key={token.id}>
                  {token.name} ({token.prefix}…, {token.role}, by {token.createdBy}){" "}
                  <button type="button" onClick={() => revoke.mutate(token.id)}>
                    Revoke
                  </button>
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
