import { lazy, Suspense } from "react";
import { AuthGate } from "./auth/AuthGate";
import { Shell } from "./layout/Shell";
import { useLocation } from "./router";

// Each page is its own chunk: the first paint only loads the shell and the page it shows.
const WeeklyReviewPage = lazy(() => import("./review/WeeklyReviewPage"));
const MeetingPage = lazy(() => import("./meeting/MeetingPage"));
const DefinitionsPage = lazy(() => import("./definitions/DefinitionsPage"));
const AlertsPage = lazy(() => import("./alerts/AlertsPage"));
const ConnectionsPage = lazy(() => import("./connections/ConnectionsPage"));
const PortfolioPage = lazy(() => import("./pages/PortfolioPage").then((m) => ({ default: m.PortfolioPage })));
const MembersPage = lazy(() => import("./pages/MembersPage").then((m) => ({ default: m.MembersPage })));
const InvitePage = lazy(() => import("./pages/InvitePage").then((m) => ({ default: m.InvitePage })));
const StatusPage = lazy(() => import("./pages/StatusPage").then((m) => ({ default: m.StatusPage })));

export function App() {
  const { path } = useLocation();
  return (
    <Shell>
      <AuthGate path={path}>
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>{route(path)}</Suspense>
      </AuthGate>
    </Shell>
  );
}

function route(path: string) {
  if (path.startsWith("/status")) return <StatusPage />;
  if (path.startsWith("/portfolio")) return <PortfolioPage />;
  if (path.startsWith("/members")) return <MembersPage />;
  if (path.startsWith("/invite/")) return <InvitePage token={path.slice("/invite/".length)} />;
  if (path.startsWith("/meeting")) return <MeetingPage />;
  if (path.startsWith("/definitions")) return <DefinitionsPage />;
  if (path.startsWith("/alerts")) return <AlertsPage />;
  if (path.startsWith("/connections")) return <ConnectionsPage />;
  return <WeeklyReviewPage />;
}
