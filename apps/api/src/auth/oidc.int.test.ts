import { ensureUser, ensureWorkspace, upsertMembership } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { startFakeOidcIssuer } from "./fake-oidc-issuer.ts";

describe("single sign-on (OIDC) against a local issuer", () => {
  let issuer: Awaited<ReturnType<typeof startFakeOidcIssuer>>;
  let api: TestApi;
  beforeEach(async () => {
    issuer = await startFakeOidcIssuer("revops-test");
    api = await createTestApi({
      env: { OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: "revops-test", OIDC_CLIENT_SECRET: "client-secret" },
    });
    const db = api.deps.database.db;
    await ensureWorkspace(db, { id: "acme", name: "Acme" });
    const ana = await ensureUser(db, { email: "ana@acme.test" });
    await upsertMembership(db, { userId: ana.id, workspaceId: "acme", role: "viewer" });
  });
  afterEach(async () => {
    await api.close();
    await issuer.close();
  });

  /** The browser's round trip: start, the issuer, then the callback with the state cookie. */
  async function roundTrip(identity: Parameters<typeof issuer.authorize>[1], tamper?: (query: string) => string) {
    const start = await api.anonymous("/api/v1/auth/oidc/start");
    expect(start.status).toBe(302);
    const location = start.headers.get("location") ?? "";
    const stateCookie = start.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const query = issuer.authorize(location, identity);
    const callback = await api.anonymous(`/api/v1/auth/oidc/callback?${tamper ? tamper(query) : query}`, {
      headers: { cookie: stateCookie },
    });
    return { location, callback, query, stateCookie };
  }

  it("redirects to the issuer with PKCE (S256), state and nonce, and announces the provider", async () => {
    const { location } = await roundTrip({ sub: "1", email: "ana@acme.test", emailVerified: true });
    const url = new URL(location);
    expect(url.origin).toBe(issuer.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toMatch(/\/api\/v1\/auth\/oidc\/callback$/);
    const providers = await (await api.anonymous("/api/v1/auth/providers")).json();
    expect(providers).toEqual({ password: true, oidc: { name: "127.0.0.1" } });
  });

  it("signs in the account with the same verified email, and only once per flow", async () => {
    const { callback, query, stateCookie } = await roundTrip({
      sub: "42",
      email: "Ana@acme.test",
      emailVerified: true,
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/");
    const session = callback.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
    const me = await api.anonymous("/api/v1/me", { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ person: { email: "ana@acme.test" }, workspaces: [{ id: "acme" }] });
    const audit = await api.deps.database.db.query.auditLog.findMany();
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "sign-in", target: "ana@acme.test", detail: { method: "oidc" } }),
    );

    const replay = await api.anonymous(`/api/v1/auth/oidc/callback?${query}`, { headers: { cookie: stateCookie } });
    expect(replay.headers.get("location")).toBe("/?sso=failed");
  });

  it("refuses a callback from another browser, a forged state, a wrong nonce and an unverified email", async () => {
    const identity = { sub: "7", email: "ana@acme.test", emailVerified: true };
    const start = await api.anonymous("/api/v1/auth/oidc/start");
    const query = issuer.authorize(start.headers.get("location") ?? "", identity);
    const noCookie = await api.anonymous(`/api/v1/auth/oidc/callback?${query}`);
    expect(noCookie.headers.get("location")).toBe("/?sso=failed");

    const forged = await roundTrip(identity, (q) => q.replace(/state=[^&]+/, "state=forged"));
    expect(forged.callback.headers.get("location")).toBe("/?sso=failed");

    const wrongNonce = await roundTrip({ ...identity, nonce: "from-another-flow" });
    expect(wrongNonce.callback.headers.get("location")).toBe("/?sso=failed");

    const unverified = await roundTrip({ sub: "8", email: "ana@acme.test", emailVerified: false });
    expect(unverified.callback.headers.get("location")).toBe("/?sso=no-account");
    for (const attempt of [noCookie, forged.callback, wrongNonce.callback, unverified.callback])
      expect(attempt.headers.getSetCookie().join()).not.toContain("revops_session=");
  });

  it("never creates an account: an unknown person is sent back without a session", async () => {
    const { callback } = await roundTrip({ sub: "9", email: "stranger@else.test", emailVerified: true });
    expect(callback.headers.get("location")).toBe("/?sso=no-account");
    expect(callback.headers.getSetCookie().join()).not.toContain("revops_session=");
  });
});
