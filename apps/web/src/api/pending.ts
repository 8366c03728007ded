import { type ApiErrorBody, ApiRequestError } from "./client";

/**
 * A GET on a route that is not in the generated client yet (its engineer is still building it).
 * Each use is replaced by the typed `api.GET` as soon as `pnpm gen:api` brings the route in.
 */
export async function getPending<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  const search = params.toString();
  const response = await fetch(search ? `${path}?${search}` : path, { headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return body as T;
  const error = (body ?? {}) as Partial<ApiErrorBody>;
  throw new ApiRequestError({
    code: error.code ?? `http_${response.status}`,
    message: error.message ?? `The server answered ${response.status} ${response.statusText}`,
    requestId: error.requestId ?? "unknown",
  });
}

/** A route that also answers text/csv types its body as `T | string`; the JSON call gets `T`. */
export function jsonBody<T>(body: T | string): T {
  if (typeof body === "string") throw new Error("The server answered CSV where JSON was asked for.");
  return body;
}
