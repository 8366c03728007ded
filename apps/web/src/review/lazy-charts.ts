import { lazy } from "react";

// Recharts is ~100 KB gzipped: it loads after the page's numbers, never in the initial bundle.
const charts = () => import("./charts");
export const Sparkline = lazy(() => charts().then((m) => ({ default: m.Sparkline })));
export const FunnelBars = lazy(() => charts().then((m) => ({ default: m.FunnelBars })));
export const VelocityBars = lazy(() => charts().then((m) => ({ default: m.VelocityBars })));
