import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { errorResponse } from "./errors.ts";

/** A router with the shared validation hook: a bad parameter is a 400 naming the field. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const message = result.error.issues
        .map((issue) => `${issue.path.join(".") || result.target}: ${issue.message}`)
        .join("; ");
      return errorResponse(c, 400, "bad_request", `Invalid ${result.target}: ${message}`);
    },
  });
}
