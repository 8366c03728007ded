import { currentView, type SandboxClock } from "../clock.ts";
import { json, match, type Route, route, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { TokenStore } from "../tokens.ts";
import { authenticateSalesforce, type SalesforceCredentials, tokenEndpoint } from "./auth.ts";
import type { SalesforceDataset } from "./dataset.ts";
import { salesforceError } from "./errors.ts";
import type { SalesforceLimiter } from "./limits.ts";
import { QueryEngine } from "./query.ts";
import { deleted, describe, getRecord, globalDescribe, updated } from "./sobjects.ts";

// Salesforce paths: /services/oauth2/* on the login URL and /services/data/vXX.X/* on the instance URL.
export interface SalesforceApi {
  data: SalesforceDataset;
  tokens: TokenStore;
  credentials: SalesforceCredentials;
  limiter: SalesforceLimiter;
  clock: SandboxClock;
  baseUrl: () => string;
}

export const isSalesforcePath = (path: string): boolean => path.startsWith("/services/");
const V = "\\/services\\/data\\/v(\\d+\\.\\d)";
const at = (suffix: string) => new RegExp(`^${V}${suffix}\\/?$`);

function routes(api: SalesforceApi): Route[] {
  const engine = new QueryEngine(api.data);
  const now = () => currentView(api.clock);
  const d = api.data;
  return [
    route("GET", at(""), (_r, [v]) =>
      json(
        200,
        Object.fromEntries(["sobjects", "query", "queryAll", "limits"].map((k) => [k, `/services/data/v${v}/${k}`])),
      ),
    ),
    route("GET", at("\\/query"), (r, [v]) => engine.query(r, v ?? "", now(), false)),
    route("GET", at("\\/queryAll"), (r, [v]) => engine.query(r, v ?? "", now(), true)),
    route("GET", at("\\/(?:query|queryAll)\\/([^/]+)"), (_r, [v, locator]) => engine.more(v ?? "", locator ?? "")),
    route("GET", at("\\/limits"), () => json(200, api.limiter.limits())),
    route("GET", at("\\/sobjects"), (_r, [v]) => globalDescribe(v ?? "")),
    route("GET", at("\\/sobjects\\/([^/]+)\\/describe"), (_r, [v, name]) => describe(d, v ?? "", name ?? "")),
    route("GET", at("\\/sobjects\\/([^/]+)\\/updated"), (r, [_v, name]) => updated(d, now(), r, name ?? "")),
    route("GET", at("\\/sobjects\\/([^/]+)\\/deleted"), (r, [_v, name]) => deleted(d, now(), r, name ?? "")),
    route("GET", at("\\/sobjects\\/([^/]+)\\/([^/]+)"), (_r, [v, name, id]) =>
      getRecord(d, now(), v ?? "", name ?? "", id ?? ""),
    ),
  ];
}

export function salesforceHandler(api: SalesforceApi): (request: SandboxRequest) => Promise<SandboxResponse> {
  const table = routes(api);
  return async (request) => {
    const path = request.url.pathname;
    if (path === "/services/oauth2/token" && request.method === "POST") {
      return tokenEndpoint(api.tokens, api.credentials, request, api.baseUrl());
    }
    if (path === "/services/data" || path === "/services/data/") {
      return json(
        200,
        ["58.0", "59.0", "60.0", "61.0", "62.0"].map((version) => ({
          label: "Sandbox",
          url: `/services/data/v${version}`,
          version,
        })),
      );
    }
    const unauthorized = authenticateSalesforce(api.tokens, request);
    if (unauthorized) return unauthorized;
    const found = match(table, request);
    if (found === undefined || found === "method") {
      return salesforceError(404, "NOT_FOUND", "The requested resource does not exist");
    }
    const admitted = api.limiter.admit();
    if ("rejected" in admitted) return admitted.rejected;
    const response = await found.handler(request, found.params);
    return { ...response, headers: { ...admitted.headers, ...response.headers } };
  };
}
