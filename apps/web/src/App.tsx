import { Suspense } from "react";
import { AuthGate } from "./auth/AuthGate";
import { Shell } from "./layout/Shell";
import { lazyPage } from "./lazy-page";
import { useLocation } from "./router";

// Each page is its own chunk: the first paint only loads the shell and the page it shows.
const WeeklyReviewPage = lazyPage(() => import("./review/WeeklyReviewPage"));
const MeetingPage = lazyPage(() => import("./meeting/MeetingPage"));
const DefinitionsPage = lazyPage(() => import("./definitions/DefinitionsPage"));
const AlertsPage = lazyPage(() => import("./alerts/AlertsPage"));
const ConnectionsPage = lazyPage(() => import("./connections/ConnectionsPage"));
const PortfolioPage = lazyPage(async () => ({ default: (await import("./pages/PortfolioPage")).PortfolioPage }));
const MembersPage = lazyPage(async () => ({ default: (await import("./pages/MembersPage")).MembersPage }));
const InvitePage = lazyPage(async () => ({ default: (await import("./pages/InvitePage")).InvitePage }));
const StatusPage = lazyPage(async () => ({ default: (await import("./pages/StatusPage")).StatusPage }));

/** The page a path shows (the weekly review unless another prefix matches). */
function pageOf(path: string) {
  if (path.startsWith("/status")) return StatusPage;
  if (path.startsWith("/portfolio")) return PortfolioPage;
  if (path.startsWith("/members")) return MembersPage;
  if (path.startsWith("/invite/")) return InvitePage;
  if (path.startsWith("/meeting")) return MeetingPage;
  if (path.startsWith("/definitions")) return DefinitionsPage;
  if (path.startsWith("/alerts")) return AlertsPage;
  if (path.startsWith("/connections")) return ConnectionsPage;
  return WeeklyReviewPage;
}

// The opened page's chunk downloads while the session is checked.
pageOf(window.location.pathname).preload();

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
  if (path.startsWith("/invite/")) return <InvitePage.Page token={path.slice("/invite/".length)} />;
  const { Page } = pageOf(path) as typeof WeeklyReviewPage;
  return <Page />;
}
