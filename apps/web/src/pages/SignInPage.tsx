import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { useResetSession } from "../auth/useSession";

/** Email and password, or single sign-on when the server has it. */
export function SignInPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = useResetSession();
  const providers = useQuery({
    queryKey: ["auth-providers"],
    queryFn: async () => (await api.GET("/api/v1/auth/providers")).data ?? { password: true, oidc: null },
    staleTime: Number.POSITIVE_INFINITY,
  });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.POST("/api/v1/auth/sign-in", { body: { email, password } });
    setBusy(false);
    if (result.error) {
      setError(result.error.message);
      return;
    }
    await reset();
  };
  const oidc = providers.data?.oidc;
  const sso = new URLSearchParams(window.location.search).get("sso");
  const ssoMessage =
    sso === "no-account"
      ? "Single sign-on worked, but there is no account for that email here: ask an owner for an invitation."
      : sso === "failed"
        ? "Single sign-on did not complete. Try again."
        : null;
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {(error ?? ssoMessage) ? <p role="alert">{error ?? ssoMessage}</p> : null}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <p>
          <a href="/api/v1/auth/oidc/start">Sign in with {oidc.name}</a>
        </p>
      ) : null}
    </section>
  );
}
