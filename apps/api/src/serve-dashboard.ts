import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";

/** Production mode: the API serves the built dashboard, with index.html for every client-side route. */
export function serveDashboard(app: OpenAPIHono<AppEnv>, webDist: string): void {
  const indexFile = join(webDist, "index.html");
  if (!existsSync(indexFile)) {
    app.get("/", (c) => c.text(`The dashboard is not built yet (no ${indexFile}). Run: pnpm build`, 503));
    return;
  }
  const indexHtml = readFileSync(indexFile, "utf8");
  app.use("/assets/*", serveStatic({ root: webDist }));
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/health/")) return next();
    return c.html(indexHtml);
  });
}
