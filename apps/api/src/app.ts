import { bodyLimit } from "hono/body-limit";
import { authRoutes } from "./auth/routes/index.ts";
import { withSecureHeaders } from "./auth/secure-headers.ts";
import { withAuth } from "./auth/with-auth.ts";
import type { ApiDeps } from "./env.ts";
import { onError, onNotFound } from "./middleware/on-error.ts";
import { withRequestContext } from "./middleware/with-request-id.ts";
import { newRouter } from "./router.ts";
import { alertRoutes } from "./routes/alerts.ts";
import { channelRoutes } from "./routes/channels.ts";
import { connectionRoutes } from "./routes/connections.ts";
import { definitionRoutes } from "./routes/definitions.ts";
import { digestRoutes } from "./routes/digest.ts";
import { healthRoutes } from "./routes/health.ts";
import { meetingRoutes } from "./routes/meeting.ts";
import { reviewRoutes } from "./routes/review.ts";
import { statusRoutes } from "./routes/status.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { serveDashboard } from "./serve-dashboard.ts";

/** The one app factory: production, tests and the OpenAPI generator all build the same app. */
export function newApp(deps: ApiDeps, options: { serveWeb?: boolean } = {}) {
  const app = newRouter();
  app.use("*", withRequestContext(deps));
  app.use("*", withSecureHeaders());
  app.use("/api/*", bodyLimit({ maxSize: 5 * 1024 * 1024 }));
  // Every /api route passes the one policy table (auth/policy.ts).
  app.use("/api/*", withAuth);
  app.onError(onError);
  app.notFound(onNotFound);

  app.route("/", healthRoutes());
  app.route("/api/v1", statusRoutes());
  app.route("/api/v1", workspaceRoutes());
  app.route("/api/v1", connectionRoutes());
  app.route("/api/v1", alertRoutes());
  app.route("/api/v1", channelRoutes());
  app.route("/api/v1", digestRoutes());
  app.route("/api/v1", meetingRoutes());
  app.route("/api/v1", definitionRoutes());
  app.route("/api/v1", reviewRoutes());
  app.route("/api/v1", authRoutes());

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "RevOps alignment API", version: "1.0.0", description: "The API the dashboard is built on." },
  });
  if (options.serveWeb) serveDashboard(app, deps.config.webDist);
  return app;
}
