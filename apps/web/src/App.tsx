import { Shell } from "./layout/Shell";
import { ComingSoon } from "./pages/Placeholder";
import { StatusPage } from "./pages/StatusPage";
import { useLocation } from "./router";

export function App() {
  const { path } = useLocation();
  return <Shell>{route(path)}</Shell>;
}

function route(path: string) {
  if (path.startsWith("/status")) return <StatusPage />;
  if (path.startsWith("/meeting"))
    return <ComingSoon title="Review meeting" next="Notes and action items arrive with the review." />;
  if (path.startsWith("/definitions"))
    return <ComingSoon title="Definitions" next="The shared definitions arrive with the metrics engine." />;
  if (path.startsWith("/alerts"))
    return <ComingSoon title="Alerts" next="SLA alerts arrive with the alert scheduler." />;
  if (path.startsWith("/connections"))
    return <ComingSoon title="Connections & data" next="Connect HubSpot or Salesforce to start." />;
  return <ComingSoon title="Weekly review" next="No data yet: connect a CRM to see the weekly review." />;
}
