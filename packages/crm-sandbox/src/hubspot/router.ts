import { currentView, indexedView, type SandboxClock } from "../clock.ts";
import { match, type Route, route, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { TokenStore } from "../tokens.ts";
import { batchReadAssociations, listAssociations } from "./associations.ts";
import { authenticate, type HubspotCredentials, oauthToken } from "./auth.ts";
import type { HubspotDataset } from "./dataset.ts";
import type { HubspotLimiter } from "./limits.ts";
import { batchRead, getObject, listObjects } from "./objects.ts";
import { getOwner, getPipeline, listOwners, listPipelines, listProperties } from "./pipelines.ts";
import { search } from "./search.ts";
import { hubspotError } from "./wire.ts";

// HubSpot API paths live at the root of the sandbox URL, as on api.hubapi.com.
export interface HubspotApi {
  data: HubspotDataset;
  tokens: TokenStore;
  credentials: HubspotCredentials;
  limiter: HubspotLimiter;
  clock: SandboxClock;
  indexLagMs: () => number;
}

export const isHubspotPath = (path: string): boolean => path.startsWith("/crm/") || path.startsWith("/oauth/");

function routes(api: HubspotApi): Route[] {
  const now = () => currentView(api.clock);
  const d = api.data;
  return [
    route("GET", /^\/crm\/v3\/objects\/([^/]+)\/?$/, (r, [t]) => listObjects(d, now(), r, t ?? "")),
    route("POST", /^\/crm\/v3\/objects\/([^/]+)\/search\/?$/, (r, [t]) =>
      search(d, indexedView(api.clock, api.indexLagMs()), r, t ?? ""),
    ),
    route("POST", /^\/crm\/v3\/objects\/([^/]+)\/batch\/read\/?$/, (r, [t]) => batchRead(d, now(), r, t ?? "")),
    route("GET", /^\/crm\/v3\/objects\/([^/]+)\/([^/]+)\/?$/, (r, [t, id]) =>
      getObject(d, now(), r, t ?? "", id ?? ""),
    ),
    route("GET", /^\/crm\/v4\/objects\/([^/]+)\/([^/]+)\/associations\/([^/]+)\/?$/, (r, p) =>
      listAssociations(d, now(), r, p),
    ),
    route("POST", /^\/crm\/v4\/associations\/([^/]+)\/([^/]+)\/batch\/read\/?$/, (r, p) =>
      batchReadAssociations(d, now(), r, p),
    ),
    route("GET", /^\/crm\/v3\/pipelines\/([^/]+)\/?$/, (_r, [t]) => listPipelines(d, t ?? "")),
    route("GET", /^\/crm\/v3\/pipelines\/([^/]+)\/([^/]+)\/?$/, (_r, [t, id]) => getPipeline(d, t ?? "", id ?? "")),
    route("GET", /^\/crm\/v3\/owners\/?$/, (r) => listOwners(d, r)),
    route("GET", /^\/crm\/v3\/owners\/([^/]+)\/?$/, (_r, [id]) => getOwner(d, id ?? "")),
    route("GET", /^\/crm\/v3\/properties\/([^/]+)\/?$/, (_r, [t]) => listProperties(d, t ?? "")),
  ];
}

export function hubspotHandler(api: HubspotApi): (request: SandboxRequest) => Promise<SandboxResponse> {
  const table = routes(api);
  return async (request) => {
    if (request.url.pathname === "/oauth/v1/token" && request.method === "POST") {
      return oauthToken(api.tokens, api.credentials, request);
    }
    const portal = authenticate(api.tokens, request);
    if (typeof portal !== "string") return portal;
    const found = match(table, request);
    if (found === undefined || found === "method") {
      return hubspotError(404, "OBJECT_NOT_FOUND", `No endpoint ${request.method} ${request.url.pathname}`);
    }
    const admitted = api.limiter.admit(portal, request.url.pathname.endsWith("/search"));
    if ("rejected" in admitted) return admitted.rejected;
    const response = await found.handler(request, found.params);
    return { ...response, headers: { ...admitted.headers, ...response.headers } };
  };
}
