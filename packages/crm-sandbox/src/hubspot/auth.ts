import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import { bearer, type TokenStore } from "../tokens.ts";
import { hubspotError } from "./wire.ts";

// Private-app tokens and OAuth: POST /oauth/v1/token (refresh grant) and 401s in HubSpot's words.
export interface HubspotCredentials {
  privateAppToken: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export function hubspotCredentials(tokens: TokenStore, portalId: number): HubspotCredentials {
  const credentials = {
    privateAppToken: `pat-na1-${tokens.secret("pat", 8)}-${tokens.secret("pat2", 4)}-${tokens.secret("pat3", 12)}`,
    clientId: `${tokens.secret("client", 8)}-${tokens.secret("client2", 4)}-4${tokens.secret("client3", 3)}-8${tokens.secret("client4", 3)}-${tokens.secret("client5", 12)}`,
    clientSecret: `${tokens.secret("secret", 8)}-${tokens.secret("secret2", 4)}-4${tokens.secret("secret3", 3)}-8${tokens.secret("secret4", 3)}-${tokens.secret("secret5", 12)}`,
    refreshToken: `na1-${tokens.secret("refresh", 4)}-${tokens.secret("refresh2", 4)}-${tokens.secret("refresh3", 12)}`,
  };
  tokens.addPermanent(credentials.privateAppToken, String(portalId));
  tokens.addRefreshToken(credentials.refreshToken, String(portalId));
  return credentials;
}

export function oauthToken(
  tokens: TokenStore,
  credentials: HubspotCredentials,
  request: SandboxRequest,
): SandboxResponse {
  const form = (request.body ?? {}) as Record<string, string>;
  const fail = (message: string, status = "BAD_REFRESH_TOKEN") =>
    json(400, { status, message, correlationId: crypto.randomUUID() });
  if (form.client_id !== credentials.clientId || form.client_secret !== credentials.clientSecret) {
    return fail("missing or unknown client id", "BAD_CLIENT_ID");
  }
  if (form.grant_type !== "refresh_token") return fail(`unsupported grant_type: ${form.grant_type}`, "BAD_GRANT_TYPE");
  const issued = tokens.refresh(form.refresh_token ?? "");
  if (!issued) return fail("missing or unknown refresh token");
  return json(200, {
    token_type: "bearer",
    refresh_token: form.refresh_token,
    access_token: issued.token,
    expires_in: issued.expiresInSeconds,
  });
}

/** The portal a request acts for, or HubSpot's 401. */
export function authenticate(tokens: TokenStore, request: SandboxRequest): string | SandboxResponse {
  const check = tokens.check(bearer(request.headers.authorization));
  if (check.status === "ok") return check.account;
  if (check.status === "expired") {
    const days = Math.floor((Date.now() - check.expiredAt) / 86_400_000);
    return hubspotError(
      401,
      "EXPIRED_AUTHENTICATION",
      `The OAuth token used to make this call expired ${days} day(s) ago.`,
      {
        context: { "expire time": [new Date(check.expiredAt).toISOString()] },
      },
    );
  }
  if (check.status === "revoked") {
    return hubspotError(401, "INVALID_AUTHENTICATION", "The access token used to make this call has been revoked.");
  }
  return hubspotError(
    401,
    "INVALID_AUTHENTICATION",
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
  );
}
