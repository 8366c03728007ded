import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env.ts";
import { ApiError, errorResponse } from "../errors.ts";

/** Every failure leaves as { code, message, requestId }; an unexpected one never shows its internals. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) return errorResponse(c, error.status, error.code, error.message);
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "bad_request";
    return errorResponse(c, status, code, error.message || "the request could not be processed");
  }
  c.get("log")?.error({ err: error }, "unhandled error");
  return errorResponse(c, 500, "internal", "Something went wrong on our side. Quote the request id if you report it.");
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(
    c,
    404,
    "not_found",
    `No route for ${c.req.method} ${c.req.path}. The API is described at /api/openapi.json.`,
  );
