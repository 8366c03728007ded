import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { ApiTokensPanel } from "../auth/ApiTokensPanel";
import { AuditLogPanel } from "../auth/AuditLogPanel";
import { InvitePanel } from "../auth/InvitePanel";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { useAllowed } from "../lib/useRole";

const roles = ["viewer", "editor", "admin", "owner"] as const;

export function MembersPage() {
  return <WorkspaceGate>{(workspace) => <Members workspace={workspace.id} />}</WorkspaceGate>;
}

/** Who belongs to the workspace; owners change roles, remove people and invite. */
function Members(props: { workspace: string }) {
  const queries = useQueryClient();
  const isOwner = useAllowed(props.workspace, "owner");
  const isAdmin = useAllowed(props.workspace, "admin");
  const members = useQuery({
    queryKey: ["members", props.workspace],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/members", { params: { path: { workspace: props.workspace } } }),
      ),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ["members", props.workspace] });
  const change = useMutation({
    mutationFn: async (input: { userId: string; role: (typeof roles)[number] }) =>
      api.PATCH("/api/v1/workspaces/{workspace}/members/{userId}", {
        params: { path: { workspace: props.workspace, userId: input.userId } },
        body: { role: input.role },
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async (userId: string) =>
      api.DELETE("/api/v1/workspaces/{workspace}/members/{userId}", {
        params: { path: { workspace: props.workspace, userId } },
      }),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">Members</h1>
      <QueryState query={members}>
        {(data) => (
          <table data-testid="members">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                {isOwner ? <th scope="col">Remove</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => (
                <tr key={member.userId}>
                  <td>{member.email}</td>
                  <td>{member.name}</td>
                  <td>
                    {isOwner ? (
                      <select
                        aria-label={`Role of ${member.email}`}
                        value={member.role}
                        onChange={(event) =>
                          change.mutate({ userId: member.userId, role: event.target.value as (typeof roles)[number] })
                        }
                      >
                        {roles.map((role) => (
                          <option key={role}>{role}</option>
                        ))}
                      </select>
                    ) : (
                      member.role
                    )}
                  </td>
                  {isOwner ? (
                    <td>
                      <button type="button" onClick={() => remove.mutate(member.userId)}>
                        Remove
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {isOwner ? <InvitePanel workspace={props.workspace} /> : null}
      {isAdmin ? <ApiTokensPanel workspace={props.workspace} /> : null}
      {isAdmin ? <AuditLogPanel workspace={props.workspace} /> : null}
    </section>
  );
}
