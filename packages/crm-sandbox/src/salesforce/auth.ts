import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import { bearer, type TokenStore } from "../tokens.ts";
import { salesforceError } from "./errors.ts";
import { KEY_PREFIX, ORG_ID, salesforceId } from "./schema.ts";

// Connected-app OAuth: /services/oauth2/token (refresh grant) and INVALID_SESSION_ID for stale sessions.
export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export function salesforceCredentials(tokens: TokenStore): SalesforceCredentials {
  const credentials = {
    clientId: `3MVG9${tokens.secret("consumer", 80)}`.slice(0, 85),
    clientSecret: tokens.secret("consumer-secret", 64).toUpperCase(),
    refreshToken: `5Aep861${tokens.secret("refresh", 80)}`,
  };
  tokens.addRefreshToken(credentials.refreshToken, ORG_ID);
  return credentials;
}

export function tokenEndpoint(
  tokens: TokenStore,
  credentials: SalesforceCredentials,
  request: SandboxRequest,
  instanceUrl: string,
): SandboxResponse {
  const form = (request.body ?? {}) as Record<string, string>;
  if (form.client_id !== credentials.clientId) {
    return json(400, { error: "invalid_client_id", error_description: "client identifier invalid" });
  }
  if (form.client_secret !== undefined && form.client_secret !== credentials.clientSecret) {
    return json(400, { error: "invalid_client", error_description: "invalid client credentials" });
  }
  if (form.grant_type !== "refresh_token") {
    return json(400, { error: "unsupported_grant_type", error_description: "grant type not supported" });
  }
  const issued = tokens.refresh(form.refresh_token ?? "");
  if (!issued) return json(400, { error: "invalid_grant", error_description: "expired access/refresh token" });
  const issuedAt = String(Date.now());
  return json(200, {
    access_token: `${ORG_ID}!${issued.token}`,
    signature: tokens.secret(`signature-${issuedAt}`, 44),
    scope: "refresh_token api",
    instance_url: instanceUrl,
    id: `${instanceUrl}/id/${ORG_ID}/${salesforceId(KEY_PREFIX.User, 0)}`,
    token_type: "Bearer",
    issued_at: issuedAt,
  });
}

export function authenticateSalesforce(tokens: TokenStore, request: SandboxRequest): SandboxResponse | undefined {
  const token = bearer(request.headers.authorization)?.replace(`${ORG_ID}!`, "");
  if (tokens.check(token).status === "ok") return undefined;
  return salesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid");
}
