import { api } from "../api/client";
import { Link, withSharedParams } from "../router";
import { useResetSession, useSession } from "./useSession";

/** Who is signed in, a way to the portfolio and out. */
export function SessionMenu() {
  const session = useSession();
  const reset = useResetSession();
  if (!session.data?.signedIn) return null;
  const signOut = async () => {
    await api.POST("/api/v1/auth/sign-out");
    await reset();
  };
  return (
    <div className="session-menu">
      {session.data.workspaces.length > 1 ? <Link to="/portfolio">Portfolio</Link> : null}
      <Link to={withSharedParams("/members")}>Members</Link>
      <span data-testid="signed-in-as">{session.data.person.email}</span>
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
