import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { ApiDeps, AppEnv } from "../env.ts";

const acceptedRequestId = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives each request an id (a caller's well-formed X-Request-Id is kept), a child logger and an access log line. */
export const withRequestContext = (deps: ApiDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && acceptedRequestId.test(incoming) ? incoming : randomUUID();
    const log = deps.logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    c.set("deps", deps);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    // The handler's own time, for the browser's resource timing (same origin) next to the network's.
    c.res.headers.set("Server-Timing", `app;dur=${ms.toFixed(1)}`);
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) }, "request");
  });
