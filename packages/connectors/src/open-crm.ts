import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { ConnectionCheck } from "./check.ts";
import { HubspotApi } from "./hubspot/api.ts";
import { checkHubspotConnection } from "./hubspot/check.ts";
import { HubspotSource } from "./hubspot/source.ts";
import type { CrmSource } from "./model.ts";
import { type RequestStats, SharedLimiter } from "./rate-limit/index.ts";
import { SalesforceApi } from "./salesforce/api.ts";
import { checkSalesforceConnection } from "./salesforce/check.ts";
import { SalesforceSource } from "./salesforce/source.ts";
import {
  hubspotCredentialsSchema,
  hubspotSettingsSchema,
  salesforceCredentialsSchema,
  salesforceSettingsSchema,
} from "./settings.ts";

export interface OpenCrmParams {
  crm: "hubspot" | "salesforce";
  settings: Record<string, unknown>;
  /** Opened (decrypted) credentials; never logged. */
  credentials: unknown;
  redis: Redis;
  /** Redis key prefix of the shared limiters (the queue prefix). */
  keyPrefix: string;
  stats: RequestStats;
  /** Attempts per request (retry budget); tests lower it. */
  maxAttempts?: number;
}

export interface OpenCrm {
  source: CrmSource;
  check(): Promise<ConnectionCheck>;
  /** Settings learnt while talking to the CRM (Salesforce's instance URL), to store on the connection. */
  discoveredSettings(): Record<string, unknown>;
  /** The Redis key of the account's shared limiter. */
  limiterKey: string;
}

/** The CRM account a connection points at: same account → same limiter, whatever the connection. */
function accountKey(prefix: string, crm: string, ...identity: string[]): string {
  return `${prefix}:crm-limit:${crm}:${createHash("sha256").update(identity.join("\n")).digest("hex").slice(0, 20)}`;
}

export function openCrm(params: OpenCrmParams): OpenCrm {
  if (params.crm === "hubspot") {
    const settings = hubspotSettingsSchema.parse(params.settings);
    const credentials = hubspotCredentialsSchema.parse(params.credentials);
    const identity =
      credentials.kind === "private_app" ? credentials.token : `${credentials.clientId}/${credentials.refreshToken}`;
    const limiterKey = accountKey(params.keyPrefix, "hubspot", settings.baseUrl ?? "", identity);
    const limiter = new SharedLimiter(params.redis, limiterKey, {
      // Headroom for requests admitted together but arriving in another order: 2% and 150 ms.
      general: { limit: Math.max(1, Math.floor(settings.requestsPerTenSeconds * 0.98)), windowMs: 10_000 + 150 },
      search: { limit: settings.searchesPerSecond, windowMs: 1_000 + 100 },
    });
    const api = new HubspotApi({
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      credentials,
      limiter,
      stats: params.stats,
      timeoutMs: settings.requestTimeoutMs,
      ...(params.maxAttempts ? { maxAttempts: params.maxAttempts } : {}),
    });
    const fields = settings;
    return {
      source: new HubspotSource(api, fields, { lookbackMs: settings.lookbackMs }),
      check: () => checkHubspotConnection(api, fields),
      discoveredSettings: () => ({}),
      limiterKey,
    };
  }
  const settings = salesforceSettingsSchema.parse(params.settings);
  const credentials = salesforceCredentialsSchema.parse(params.credentials);
  const limiterKey = accountKey(
    params.keyPrefix,
    "salesforce",
    settings.loginUrl,
    credentials.clientId,
    credentials.refreshToken,
  );
  const limiter = new SharedLimiter(params.redis, limiterKey, {
    general: { limit: settings.requestsPerSecond, windowMs: 1_000 },
  });
  const api = new SalesforceApi({
    loginUrl: settings.loginUrl,
    credentials,
    limiter,
    stats: params.stats,
    apiVersion: settings.apiVersion,
    timeoutMs: settings.requestTimeoutMs,
    dailyApiShare: settings.dailyApiShare,
    ...(params.maxAttempts ? { maxAttempts: params.maxAttempts } : {}),
  });
  return {
    source: new SalesforceSource(api, settings, { overlapMs: settings.overlapMs }),
    check: () => checkSalesforceConnection(api, settings),
    // The instance URL comes with the access token; kept so records can link to the org.
    discoveredSettings: (): Record<string, unknown> => (api.instanceUrl ? { instanceUrl: api.instanceUrl } : {}),
    limiterKey,
  };
}
