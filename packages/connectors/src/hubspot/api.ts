import { Client } from "@hubspot/api-client";
import {
  type CallPolicy,
  CrmAuthError,
  callCrm,
  type Failure,
  isNetworkError,
  type RequestStats,
  type SharedLimiter,
} from "../rate-limit/index.ts";

export type HubspotCredentials =
  | { kind: "private_app"; token: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; refreshToken: string };

export type HubspotObjectType = "contacts" | "deals" | "calls" | "emails" | "meetings";

/** A CRM object as the v3 API returns it. */
export interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, { value: string; timestamp: Date | string }[]>;
  createdAt: Date | string;
  updatedAt: Date | string;
  archived?: boolean;
  archivedAt?: Date | string;
  associations?: Record<string, { results: { id: string }[] }>;
}

export interface HubspotApiOptions {
  baseUrl?: string;
  credentials: HubspotCredentials;
  limiter: SharedLimiter;
  stats: RequestStats;
  timeoutMs?: number;
  maxAttempts?: number;
}

/** HubSpot's default budget (private apps, Professional): 190 requests per 10 s, search 5 per second. */
export const HUBSPOT_DEFAULT_BUDGETS = {
  general: { limit: 190, windowMs: 10_000 },
  search: { limit: 5, windowMs: 1_000 },
};

/**
 * The HubSpot SDK behind the shared limiter and the retry policy. Every call goes through
 * `callCrm`, so N workers on one portal stay within its budget together.
 */
export class HubspotApi {
  readonly #client: Client;
  readonly #options: HubspotApiOptions;
  readonly #policy: CallPolicy;
  #accessToken: string | undefined;

  constructor(options: HubspotApiOptions) {
    this.#options = options;
    this.#client = new Client({
      ...(options.baseUrl ? { basePath: options.baseUrl } : {}),
      ...(options.credentials.kind === "private_app" ? { accessToken: options.credentials.token } : {}),
      numberOfApiCallRetries: 0,
    });
    this.#policy = {
      limiter: options.limiter,
      stats: options.stats,
      classify: classifyHubspotError,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 10,
      baseBackoffMs: 250,
      ...(options.credentials.kind === "oauth" ? { refreshAuth: () => this.refreshAccessToken() } : {}),
    };
  }

  /** Exchanges the OAuth refresh token for an access token (OAuth connections only). */
  async refreshAccessToken(): Promise<void> {
    const credentials = this.#options.credentials;
    if (credentials.kind !== "oauth") return;
    const token = await callCrm(
      { ...this.#policy, refreshAuth: undefined, classify: classifyTokenError },
      "general",
      () =>
        this.#client.oauth.tokensApi.create(
          "refresh_token",
          undefined,
          undefined,
          credentials.clientId,
          credentials.clientSecret,
          credentials.refreshToken,
        ),
    );
    this.#accessToken = token.accessToken;
    this.#client.setAccessToken(token.accessToken);
  }

  async #call<T>(bucket: "general" | "search", send: () => Promise<T>): Promise<T> {
    if (this.#options.credentials.kind === "oauth" && this.#accessToken === undefined) await this.refreshAccessToken();
    return callCrm(this.#policy, bucket, send);
  }

  async listPage(
    type: HubspotObjectType,
    params: {
      after?: string | undefined;
      limit: number;
      properties: string[];
      propertiesWithHistory?: string[];
      associations?: string[];
      archived?: boolean;
    },
  ): Promise<{ results: HubspotObject[]; after: string | undefined }> {
    const page = await this.#call("general", () =>
      this.#client.crm.objects.basicApi.getPage(
        type,
        params.limit,
        params.after,
        params.properties,
        params.propertiesWithHistory,
        params.associations,
        params.archived ?? false,
      ),
    );
    return { results: page.results as unknown as HubspotObject[], after: page.paging?.next?.after };
  }

  /** One search page: filters are ANDed. Search has its own, lower budget. */
  async search(
    type: HubspotObjectType,
    params: {
      filters: { propertyName: string; operator: string; value: string }[];
      sortBy: string;
      properties: string[];
      limit: number;
    },
  ): Promise<{ results: HubspotObject[]; total: number }> {
    const page = await this.#call("search", () =>
      this.#client.crm.objects.searchApi.doSearch(type, {
        filterGroups: [{ filters: params.filters as never }],
        sorts: [{ propertyName: params.sortBy, direction: "ASCENDING" } as unknown as string],
        properties: params.properties,
        limit: params.limit,
        after: "0",
      }),
    );
    return { results: page.results as unknown as HubspotObject[], total: page.total };
  }

  /** Reads records by id; ids the CRM no longer has (deleted, merged away) come back in `missing`. */
  async batchRead(
    type: HubspotObjectType,
    ids: string[],
    params: { properties: string[]; propertiesWithHistory?: string[] },
  ): Promise<{ results: HubspotObject[]; missing: string[] }> {
    if (ids.length === 0) return { results: [], missing: [] };
    const response = await this.#call("general", () =>
      this.#client.crm.objects.batchApi.read(type, {
        inputs: ids.map((id) => ({ id })),
        properties: params.properties,
        propertiesWithHistory: params.propertiesWithHistory ?? [],
      }),
    );
    const results = response.results as unknown as HubspotObject[];
    const found = new Set(results.map((r) => r.id));
    return { results, missing: ids.filter((id) => !found.has(id)) };
  }

  /** Associated ids (v4 batch), e.g. the contacts of each deal. */
  async associations(from: HubspotObjectType, to: HubspotObjectType, ids: string[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return links;
    const response = await this.#call("general", () =>
      this.#client.crm.associations.v4.batchApi.getPage(from, to, { inputs: ids.map((id) => ({ id })) }),
    );
    for (const result of response.results) {
      links.set(
        String(result._from.id),
        result.to.map((target) => String(target.toObjectId)),
      );
    }
    return links;
  }

  async ownersPage(after: string | undefined) {
    const page = await this.#call("general", () =>
      this.#client.crm.owners.ownersApi.getPage(undefined, after, 100, false),
    );
    return { results: page.results, after: page.paging?.next?.after };
  }

  async dealPipelines() {
    const response = await this.#call("general", () => this.#client.crm.pipelines.pipelinesApi.getAll("deals"));
    return response.results;
  }

  /** Property names of an object (the connection test checks the configured ones exist). */
  async propertyNames(type: HubspotObjectType): Promise<Set<string>> {
    const response = await this.#call("general", () => this.#client.crm.properties.coreApi.getAll(type, false));
    return new Set(response.results.map((property) => property.name));
  }
}

interface HubspotErrorShape {
  code?: number;
  body?: { policyName?: string; message?: string; category?: string; errors?: { message?: string }[] };
  headers?: Record<string, string>;
}

/** 429 → wait as HubSpot says; 5xx and network failures → retry; 401 → refresh; the rest is final. */
export function classifyHubspotError(error: unknown): Failure {
  const e = error as HubspotErrorShape;
  const status = typeof e?.code === "number" ? e.code : undefined;
  if (status === undefined) {
    return isNetworkError(error) ? { kind: "transient" } : { kind: "fatal", message: String(error) };
  }
  if (status === 429) {
    const headers = e.headers ?? {};
    const retryAfter = Number(headers["retry-after"]);
    if (e.body?.policyName === "DAILY") return { kind: "fatal", message: "HubSpot daily API limit reached" };
    if (Number.isFinite(retryAfter) && retryAfter > 0)
      return { kind: "rate_limited", accountPauseMs: retryAfter * 1000 };
    if (e.body?.message === "You have reached your secondly limit.")
      return { kind: "rate_limited", retryAfterMs: 1_000 };
    // The ten-second window is spent (other clients of the portal): hold every worker briefly.
    if (headers["x-hubspot-ratelimit-remaining"] === "0") return { kind: "rate_limited", accountPauseMs: 1_000 };
    return { kind: "rate_limited" };
  }
  if (status === 401) return { kind: "unauthorized" };
  if (status >= 500 || status === 408) return { kind: "transient" };
  const detail = e.body?.errors?.map((item) => item.message).join("; ") || e.body?.message || `HTTP ${status}`;
  if (status === 403) return { kind: "fatal", message: `HubSpot refused access (missing scope?): ${detail}` };
  return { kind: "fatal", message: `HubSpot answered ${status}: ${detail}` };
}

/** A refused refresh token (400 invalid_grant) means the user must reconnect. */
function classifyTokenError(error: unknown): Failure {
  const status = (error as HubspotErrorShape)?.code;
  if (status === 400 || status === 401) {
    throw new CrmAuthError(
      `HubSpot refused the refresh token: ${(error as HubspotErrorShape).body?.message ?? status}`,
    );
  }
  return classifyHubspotError(error);
}
