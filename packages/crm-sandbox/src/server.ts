import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { adminHandler } from "./admin.ts";
import type { SandboxControl } from "./control.ts";
import type { FaultDecision } from "./faults.ts";
import { correlationId, json, parseBody, type SandboxRequest, type SandboxResponse } from "./http.ts";
import { hubspotHandler, isHubspotPath } from "./hubspot/router.ts";
import { hubspotError } from "./hubspot/wire.ts";
import { salesforceError } from "./salesforce/errors.ts";
import { isSalesforcePath, salesforceHandler } from "./salesforce/router.ts";
import type { SandboxCore } from "./sandbox.ts";

// One HTTP server for both CRMs (different path prefixes) plus /__sandbox admin endpoints.
export function createSandboxServer(core: SandboxCore, control: SandboxControl, baseUrl: () => string): Server {
  const hubspot = hubspotHandler({ ...core.hubspot, indexLagMs: () => core.indexLagMs });
  const salesforce = salesforceHandler({ ...core.salesforce, baseUrl });
  const admin = adminHandler(control);
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const parsed = parseBody(raw, req.headers["content-type"]);
    const request: SandboxRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", baseUrl()),
      headers: req.headers,
      rawBody: raw,
      body: parsed.body,
      ...(parsed.error ? { bodyError: parsed.error } : {}),
    };
    const path = request.url.pathname;
    const api = isHubspotPath(path) ? "hubspot" : isSalesforcePath(path) ? "salesforce" : undefined;
    const isTokenCall = path === "/oauth/v1/token" || path === "/services/oauth2/token";
    const fault: FaultDecision = api && !isTokenCall ? core.faults.decide(api) : "none";
    if (fault === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault === "timeout") {
      hanging.add(res);
      setTimeout(() => {
        hanging.delete(res);
        req.socket.destroy();
      }, core.faults.faults.timeoutMs).unref();
      return;
    }
    try {
      let response: SandboxResponse;
      if (fault === "429" || fault === "500") response = injected(api ?? "hubspot", fault);
      else if (api === "hubspot") response = await hubspot(request);
      else if (api === "salesforce") response = await salesforce(request);
      else if (path.startsWith("/__sandbox/")) response = admin(request);
      else response = json(404, { status: "error", message: `No route ${request.method} ${path}` });
      send(res, response);
    } catch (error) {
      // Never leak internals: answer the CRM's generic server error.
      console.error("crm-sandbox: handler failed", error);
      send(res, injected(api ?? "hubspot", "500"));
    }
  });
  server.on("close", () => {
    for (const res of hanging) res.destroy();
  });
  return server;
}

function injected(api: "hubspot" | "salesforce", fault: "429" | "500"): SandboxResponse {
  if (api === "salesforce") {
    return fault === "429"
      ? salesforceError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
      : salesforceError(
          500,
          "UNKNOWN_EXCEPTION",
          `An unexpected error occurred. Please include this ErrorId if you contact support: ${correlationId()}`,
        );
  }
  return fault === "429"
    ? hubspotError(429, "RATE_LIMIT", "You have reached your ten_secondly_rolling limit.", {
        errorType: "RATE_LIMIT",
        policyName: "TEN_SECONDLY_ROLLING",
      })
    : hubspotError(500, "INTERNAL_ERROR", "internal error");
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const body = response.body === undefined ? "" : JSON.stringify(response.body);
  res.writeHead(response.status, { "Content-Type": "application/json;charset=utf-8", ...response.headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
