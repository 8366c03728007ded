import { SignInPage } from "../pages/SignInPage";
import { useSession } from "./useSession";

/** Paths anyone may open: the system status and invitation links. */
const publicPaths = ["/status", "/invite/"];

/** Shows the page to a signed-in person, the sign-in page to anyone else. */
export function AuthGate(props: { path: string; children: React.ReactNode }) {
  const session = useSession();
  if (publicPaths.some((prefix) => props.path.startsWith(prefix))) return <>{props.children}</>;
  if (session.isPending) return <p aria-live="polite">Loading…</p>;
  if (session.isError)
    return (
      <p role="alert">
        The server did not answer ({session.error.message}). <a href="/status">System status</a>
      </p>
    );
  if (!session.data.signedIn) return <SignInPage />;
  return <>{props.children}</>;
}
