import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";

const roles = ["viewer", "editor", "admin", "owner"] as const;

/** Owners invite by link (shown once) and revoke open invitations. */
export function InvitePanel(props: { workspace: string }) {
  const queries = useQueryClient();
  const path = { params: { path: { workspace: props.workspace } } };
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<(typeof roles)[number]>("viewer");
  const invitations = useQuery({
    queryKey: ["invitations", props.workspace],
    queryFn: async () => unwrap(await api.GET("/api/v1/workspaces/{workspace}/invitations", path)),
  });
  const invite = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/v1/workspaces/{workspace}/invitations", { ...path, body: { email, role } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["invitations", props.workspace] }),
  });
  const revoke = useMutation({
    mutationFn: async (invitationId: string) =>
      api.DELETE("/api/v1/workspaces/{workspace}/invitations/{invitationId}", {
        params: { path: { workspace: props.workspace, invitationId } },
      }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["invitations", props.workspace] }),
  });
  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate();
        }}
      >
        <label>
          Email
          <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as (typeof roles)[number])}>
            {roles.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={invite.isPending}>
          Create the link
        </button>
      </form>
      {invite.data ? (
        <p data-testid="invitation-link">
          Send this link (shown once, valid 7 days): <code>{invite.data.link}</code>
        </p>
      ) : null}
      {invite.isError ? <p role="alert">{invite.error.message}</p> : null}
      <QueryState query={invitations}>
        {(data) => (
          <ul>
            {data.invitations
              .filter((invitation) => invitation.state === "open")
              .map((invitation) => (
                <li key={invitation.id}>
                  {invitation.email} as {invitation.role}, until {new Date(invitation.expiresAt).toLocaleDateString()}{" "}
                  <button type="button" onClick={() => revoke.mutate(invitation.id)}>
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
