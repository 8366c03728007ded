import createClient from "openapi-fetch";
import { csrfMiddleware } from "../auth/csrf";
import type { paths } from "./schema";

/** The typed client, generated from the API's OpenAPI document (pnpm gen:api). */
export const api = createClient<paths>({ baseUrl: "" });
// Cookie-authenticated writes carry the CSRF token (auth/csrf.ts).
api.use(csrfMiddleware);

/** The API's one error body. */
export interface ApiErrorBody {
  code: string;
  message: string;
  requestId: string;
}

export class ApiRequestError extends Error {
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.body = body;
  }
}

/** Unwraps an openapi-fetch result: the data, or the API's own message as an error. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const body = result.error as Partial<ApiErrorBody> | undefined;
  throw new ApiRequestError({
    code: body?.code ?? `http_${result.response.status}`,
    message: body?.message ?? `The server answered ${result.response.status} ${result.response.statusText}`,
    requestId: body?.requestId ?? "unknown",
  });
}
