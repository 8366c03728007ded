import type { IncomingHttpHeaders } from "node:http";

// The sandbox's tiny HTTP layer: handlers get a parsed request and return status, JSON body and headers.
export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON body, or the fields of a form-encoded body; undefined when absent or unparsable. */
  body: unknown;
  bodyError?: string;
}

export interface SandboxResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: SandboxRequest, params: string[]) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export const route = (method: string, pattern: RegExp, handler: Handler): Route => ({ method, pattern, handler });

export function match(
  routes: Route[],
  request: SandboxRequest,
): { handler: Handler; params: string[] } | "method" | undefined {
  let wrongMethod = false;
  for (const r of routes) {
    const m = r.pattern.exec(request.url.pathname);
    if (!m) continue;
    if (r.method !== request.method) {
      wrongMethod = true;
      continue;
    }
    return { handler: r.handler, params: m.slice(1).map((p) => decodeURIComponent(p ?? "")) };
  }
  return wrongMethod ? "method" : undefined;
}

export function parseBody(raw: string, contentType: string | undefined): { body: unknown; error?: string } {
  if (!raw) return { body: undefined };
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return { body: Object.fromEntries(new URLSearchParams(raw)) };
  }
  try {
    return { body: JSON.parse(raw) };
  } catch (error) {
    return { body: undefined, error: (error as Error).message };
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

let correlation = 0;
/** A UUID-shaped id that stays deterministic inside one process. */
export function correlationId(): string {
  correlation++;
  const hex = correlation.toString(16).padStart(12, "0");
  return `5a1d0b0x-0000-4000-8000-${hex}`.replace("x", "0");
}
