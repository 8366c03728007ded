import { createHash } from "node:crypto";

// Access tokens of one CRM: who they belong to and when they expire (wall clock, so tests can wait them out).
export type TokenCheck =
  | { status: "ok"; account: string }
  | { status: "expired"; expiredAt: number }
  | { status: "revoked" | "unknown" };

interface Grant {
  account: string;
  expiresAt: number;
  revoked: boolean;
}

export class TokenStore {
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, { account: string; revoked: boolean }>();
  private issued = 0;
  private readonly prefix: string;
  private readonly seed: string;
  ttlMs: number;

  constructor(prefix: string, seed: string, ttlMs: number) {
    this.prefix = prefix;
    this.seed = seed;
    this.ttlMs = ttlMs;
  }

  /** A deterministic secret-looking string derived from the seed. */
  secret(label: string, length = 32): string {
    return createHash("sha256").update(`${this.seed}:${this.prefix}:${label}`).digest("hex").slice(0, length);
  }

  addPermanent(token: string, account: string): void {
    this.grants.set(token, { account, expiresAt: Number.POSITIVE_INFINITY, revoked: false });
  }

  addRefreshToken(token: string, account: string): void {
    this.refreshTokens.set(token, { account, revoked: false });
  }

  refresh(refreshToken: string): { token: string; expiresInSeconds: number; account: string } | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.revoked) return undefined;
    this.issued++;
    const token = `${this.prefix}${this.secret(`access-${this.issued}-${Date.now()}`, 40)}`;
    this.grants.set(token, { account: grant.account, expiresAt: Date.now() + this.ttlMs, revoked: false });
    return { token, expiresInSeconds: Math.max(1, Math.round(this.ttlMs / 1000)), account: grant.account };
  }

  check(token: string | undefined): TokenCheck {
    const grant = token ? this.grants.get(token) : undefined;
    if (!grant) return { status: "unknown" };
    if (grant.revoked) return { status: "revoked" };
    if (Date.now() >= grant.expiresAt) return { status: "expired", expiredAt: grant.expiresAt };
    return { status: "ok", account: grant.account };
  }

  /** Revokes every access token (and refresh tokens too when asked); permanent tokens survive unless included. */
  revoke(options: { refreshTokens?: boolean; permanent?: boolean } = {}): void {
    for (const grant of this.grants.values()) {
      if (grant.expiresAt !== Number.POSITIVE_INFINITY || options.permanent) grant.revoked = true;
    }
    if (options.refreshTokens) for (const grant of this.refreshTokens.values()) grant.revoked = true;
  }

  /** Expires every OAuth access token now, as if its lifetime had passed. */
  expireAll(): void {
    for (const grant of this.grants.values())
      if (grant.expiresAt !== Number.POSITIVE_INFINITY) grant.expiresAt = Date.now();
  }
}

export function bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? /^Bearer\s+(.+)$/i.exec(value) : null;
  return m?.[1]?.trim();
}
