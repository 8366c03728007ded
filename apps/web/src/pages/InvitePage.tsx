import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap } from "../api/client";
import { useResetSession, useSession } from "../auth/useSession";
import { QueryState } from "../layout/QueryState";
import { navigate } from "../router";

/** /invite/{token}: join a workspace, with a new account or the signed-in one. */
export function InvitePage(props: { token: string }) {
  const session = useSession();
  const reset = useResetSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const invitation = useQuery({
    queryKey: ["invitation", props.token],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/invitations/{token}", { params: { path: { token: props.token } } })),
    retry: false,
  });
  const joined = async (result: { data?: { workspace: string }; error?: { message: string } }) => {
    if (result.error || !result.data) {
      setError(result.error?.message ?? "The invitation could not be accepted.");
      return;
    }
    await reset();
    navigate(`/?workspace=${result.data.workspace}`);
  };
  const accept = async () =>
    joined(await api.POST("/api/v1/invitations/{token}/accept", { params: { path: { token: props.token } } }));
  const signUp = async (event: React.FormEvent) => {
    event.preventDefault();
    await joined(
      await api.POST("/api/v1/invitations/{token}/sign-up", {
        params: { path: { token: props.token } },
        body: { name, password },
      }),
    );
  };
  return (
    <section className="sign-in" aria-labelledby="invite-title">
      <h1 id="invite-title">Invitation</h1>
      <QueryState query={invitation}>
        {(data) => (
          <>
            <p>
              Join <strong>{data.workspaceName}</strong> as <strong>{data.role}</strong> ({data.email}).
            </p>
            {session.data?.signedIn ? (
              <button type="button" onClick={() => void accept()}>
                Join as {session.data.person.email}
              </button>
            ) : (
              <form onSubmit={(event) => void signUp(event)}>
                <label>
                  Your name
                  <input required value={name} onChange={(event) => setName(event.target.value)} />
                </label>
                <label>
                  Choose a password (12 characters or more)
                  <input
                    type="password"
                    autoComplete="new-password"
                    minLength={12}
                    required
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                  />
                </label>
                <button type="submit">Create my account and join</button>
                <p className="muted">
                  Already have an account? <a href="/">Sign in</a>, then open this link again.
                </p>
              </form>
            )}
            {error ? <p role="alert">{error}</p> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
