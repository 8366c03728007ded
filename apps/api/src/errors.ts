import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";

/** The one error body of the API, for every failure. */
export const errorBodySchema = z
  .object({
    code: z.string().describe("machine-readable, e.g. bad_request, not_found, internal"),
    message: z.string().describe("what is wrong and how to fix it"),
    requestId: z.string(),
  })
  .openapi("Error");

/** An expected failure: its message is safe to show to the caller. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);
export const badRequest = (message: string) => new ApiError(400, "bad_request", message);

export function errorResponse(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ code, message, requestId: c.get("requestId") }, status);
}
