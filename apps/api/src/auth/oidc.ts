import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  type Configuration,
  calculatePKCECodeChallenge,
  discovery,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from "openid-client";
import type { ApiDeps } from "../env.ts";
import type { AuthConfig } from "./config.ts";

type OidcSettings = NonNullable<AuthConfig["oidc"]>;
const flowTtlSeconds = 600;
const discovered = new Map<string, Promise<Configuration>>();

/** The issuer's metadata, discovered once per process; plain http only for a loopback issuer (tests, local IdPs). */
function issuerConfiguration(settings: OidcSettings): Promise<Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    const loopback = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
    found = discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      ...(loopback ? { execute: [allowInsecureRequests] } : {}),
    });
    // A failed discovery (issuer down) is retried on the next sign-in.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

const oidcCallbackPath = "/api/v1/auth/oidc/callback";
const redirectUri = (deps: ApiDeps) => `${deps.config.publicUrl.replace(/\/$/, "")}${oidcCallbackPath}`;
const flowKey = (deps: ApiDeps, state: string) => `${deps.config.queuePrefix}:oidc-flow:${state}`;

/** Starts an authorization code flow with PKCE, state and nonce; the checks wait in Redis for the callback. */
export async function startOidcFlow(deps: ApiDeps, settings: OidcSettings) {
  const configuration = await issuerConfiguration(settings);
  const verifier = randomPKCECodeVerifier();
  const state = randomState();
  const nonce = randomNonce();
  await deps.redis.set(flowKey(deps, state), JSON.stringify({ verifier, nonce }), "EX", flowTtlSeconds);
  const url = buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri(deps),
    scope: "openid email profile",
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, ttlSeconds: flowTtlSeconds };
}

/**
 * Finishes the flow: the state must be the one this browser started (cookie) and is used once;
 * openid-client checks the code, PKCE, the ID token's signature, issuer, audience and nonce.
 */
export async function finishOidcFlow(deps: ApiDeps, settings: OidcSettings, query: string, browserState: string) {
  const state = new URLSearchParams(query).get("state");
  if (!state || state !== browserState) throw new Error("the sign-in was not started in this browser");
  const stored = await deps.redis.getdel(flowKey(deps, state));
  if (!stored) throw new Error("the sign-in expired or was already used");
  const checks = JSON.parse(stored) as { verifier: string; nonce: string };
  const configuration = await issuerConfiguration(settings);
  const tokens = await authorizationCodeGrant(configuration, new URL(`${redirectUri(deps)}?${query}`), {
    pkceCodeVerifier: checks.verifier,
    expectedState: state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("the issuer sent no ID token");
  return {
    subject: `${settings.issuer}#${claims.sub}`,
    email: typeof claims.email === "string" ? claims.email : undefined,
    emailVerified: claims.email_verified === true,
  };
}
