import { Connection } from "jsforce";
import {
  type CallPolicy,
  CrmAuthError,
  callCrm,
  type Failure,
  isNetworkError,
  type RequestStats,
  type SharedLimiter,
} from "../rate-limit/index.ts";

export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SalesforceApiOptions {
  loginUrl: string;
  credentials: SalesforceCredentials;
  limiter: SharedLimiter;
  stats: RequestStats;
  apiVersion?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Stop before the org's used daily allowance (Sforce-Limit-Info) reaches this share of it. */
  dailyApiShare?: number;
}

/** The org's rolling 24-hour API allowance is used up to the share the connection may take. */
export class CrmAllowanceError extends Error {
  override readonly name = "CrmAllowanceError";
}

/** Salesforce has no per-second limit, only a daily allowance; we stay polite with this default. */
export const SALESFORCE_DEFAULT_BUDGETS = { general: { limit: 25, windowMs: 1_000 } };

export type SalesforceRecord = Record<string, unknown> & { Id: string };

/** jsforce behind the shared limiter and the retry policy; the instance URL is discovered at token refresh. */
export class SalesforceApi {
  readonly #connection: Connection;
  readonly #options: SalesforceApiOptions;
  readonly #policy: CallPolicy;
  #authenticated = false;

  constructor(options: SalesforceApiOptions) {
    this.#options = options;
    this.#connection = new Connection({
      oauth2: {
        clientId: options.credentials.clientId,
        clientSecret: options.credentials.clientSecret,
        loginUrl: options.loginUrl,
      },
      loginUrl: options.loginUrl,
      version: options.apiVersion ?? "62.0",
    });
    this.#policy = {
      limiter: options.limiter,
      stats: options.stats,
      classify: classifySalesforceError,
      refreshAuth: () => this.refreshAccessToken(),
      timeoutMs: options.timeoutMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 10,
      baseBackoffMs: 250,
    };
  }

  get instanceUrl(): string {
    return this.#connection.instanceUrl;
  }

  /** Refresh-token grant; a refused grant means the user must reconnect. */
  async refreshAccessToken(): Promise<void> {
    const response = await callCrm(
      { ...this.#policy, refreshAuth: undefined, classify: classifyTokenError },
      "general",
      () => this.#connection.oauth2.refreshToken(this.#options.credentials.refreshToken),
    );
    this.#connection._establish({ accessToken: response.access_token, instanceUrl: response.instance_url });
    this.#authenticated = true;
  }

  async #call<T>(send: () => Promise<T>): Promise<T> {
    if (!this.#authenticated) await this.refreshAccessToken();
    this.#checkAllowance();
    return callCrm(this.#policy, "general", send);
  }

  /** Org-wide usage from the last answer's Sforce-Limit-Info (jsforce keeps it): other integrations share it. */
  get apiUsage(): { used: number; limit: number } | undefined {
    return this.#connection.limitInfo?.apiUsage;
  }

  #checkAllowance(): void {
    const usage = this.apiUsage;
    const share = this.#options.dailyApiShare ?? 1;
    if (!usage || usage.used < usage.limit * share) return;
    throw new CrmAllowanceError(
      `Salesforce: the org has used ${usage.used} of its ${usage.limit} daily API requests; syncs stop at ` +
        `${Math.round(share * 100)}% (connection setting dailyApiShare) so other integrations keep working. ` +
        "The next scheduled sync resumes where this one stopped.",
    );
  }

  /** One SOQL batch (at most 2,000 records). `all` includes deleted records (queryAll). */
  async query(soql: string, options: { all?: boolean } = {}): Promise<SalesforceRecord[]> {
    const result = await this.#call(async () => {
      const response = await this.#connection.request<{ records: SalesforceRecord[]; done: boolean }>({
        method: "GET",
        url: `/services/data/v${this.#connection.version}/${options.all ? "queryAll" : "query"}?q=${encodeURIComponent(soql)}`,
      });
      return response;
    });
    return result.records;
  }

  /** Field names of an object (the connection test checks the configured ones exist). */
  async fieldNames(sobject: string): Promise<Set<string>> {
    const description = await this.#call(() => this.#connection.describe(sobject));
    return new Set(description.fields.map((field) => field.name));
  }
}

interface SalesforceErrorShape {
  errorCode?: string;
  name?: string;
  message?: string;
  statusCode?: number;
}

/** REQUEST_LIMIT_EXCEEDED and 5xx → back off and retry; INVALID_SESSION_ID → refresh; the rest is final. */
export function classifySalesforceError(error: unknown): Failure {
  const e = error as SalesforceErrorShape;
  const code = e?.errorCode ?? e?.name ?? "";
  // jsforce answers an expired session with its own refresh attempt, which fails without a stored refresh token.
  if (code === "INVALID_SESSION_ID" || /Unable to refresh session|INVALID_SESSION_ID/.test(e?.message ?? "")) {
    return { kind: "unauthorized" };
  }
  if (code === "invalid_grant") return { kind: "unauthorized" };
  if (code === "REQUEST_LIMIT_EXCEEDED") return { kind: "rate_limited" };
  if (code === "UNKNOWN_EXCEPTION" || code === "SERVER_UNAVAILABLE" || /^ERROR_HTTP_5\d\d$/.test(code))
    return { kind: "transient" };
  if (isNetworkError(error)) return { kind: "transient" };
  if (code === "INVALID_FIELD") return { kind: "fatal", message: `Salesforce: unknown field: ${e.message ?? ""}` };
  if (code === "INSUFFICIENT_ACCESS" || code === "INSUFFICIENT_ACCESS_OR_READONLY" || code === "API_DISABLED_FOR_ORG") {
    return { kind: "fatal", message: `Salesforce refused access (missing permission?): ${e.message ?? code}` };
  }
  return { kind: "fatal", message: `Salesforce: ${code ? `${code}: ` : ""}${e?.message ?? String(error)}` };
}

function classifyTokenError(error: unknown): Failure {
  const e = error as SalesforceErrorShape;
  const code = e?.errorCode ?? e?.name ?? "";
  if (/invalid_grant|invalid_client/.test(code) || /invalid_grant|invalid_client|expired/.test(e?.message ?? "")) {
    throw new CrmAuthError(`Salesforce refused the refresh token: ${e?.message ?? code}`);
  }
  return classifySalesforceError(error);
}
