import { ensureUser, ensureWorkspace, sessions, upsertMembership } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { hashPassword } from "./password.ts";
import { signInLimits } from "./rate-limit.ts";

const password = "correct horse battery staple";
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("signing in", () => {
  let api: TestApi;
  const signIn = (email: string, pw = password, headers: Record<string, string> = {}) =>
    api.anonymous("/api/v1/auth/sign-in", post({ email, password: pw }, headers));
  /** Cookie + CSRF headers from a sign-in answer, as a browser would send them back. */
  const browserHeaders = (response: Response) => {
    const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
    const csrf = cookies.find((cookie) => cookie.startsWith("revops_csrf="))?.split("=")[1] ?? "";
    return { cookie: cookies.join("; "), "x-csrf-token": csrf };
  };

  beforeEach(async () => {
    api = await createTestApi();
    const db = api.deps.database.db;
    await ensureWorkspace(db, { id: "acme", name: "Acme" });
    const ana = await ensureUser(db, { email: "ana@acme.test", passwordHash: await hashPassword(password, 10) });
    await upsertMembership(db, { userId: ana.id, workspaceId: "acme", role: "editor" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("sets an HttpOnly, SameSite=Lax session cookie (Secure only over TLS) and a readable CSRF cookie", async () => {
    const response = await signIn("Ana@Acme.test");
    expect(response.status).toBe(200);
    const [session, csrf] = response.headers.getSetCookie();
    expect(session).toMatch(/^revops_session=[\w-]{40,};/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).toMatch(/^revops_csrf=/);
    expect(csrf).not.toMatch(/HttpOnly/);

    const me = await api.anonymous("/api/v1/me", { headers: browserHeaders(response) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      person: { email: "ana@acme.test" },
      workspaces: [{ id: "acme", role: "editor" }],
    });
  });

  it("marks the cookie Secure with the __Host- prefix when served over TLS", async () => {
    const tls = await createTestApi({ env: { PUBLIC_URL: "https://revops.example.com" } });
    try {
      const db = tls.deps.database.db;
      await ensureUser(db, { email: "ana@acme.test", passwordHash: await hashPassword(password, 10) });
      const response = await tls.anonymous("/api/v1/auth/sign-in", post({ email: "ana@acme.test", password }));
      const [session] = response.headers.getSetCookie();
      expect(session).toMatch(/^__Host-revops_session=.*; Path=\/;.*Secure/);
    } finally {
      await tls.close();
    }
  });

  it("marks the cookie Secure behind a trusted TLS proxy", async () => {
    const response = await api.anonymous(
      "/api/v1/auth/sign-in",
      post({ email: "ana@acme.test", password }, { "x-forwarded-proto": "https" }),
    );
    expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-revops_session=.*Secure/);
  });

  it("answers a wrong password and an unknown email with the same words", async () => {
    const wrong = await signIn("ana@acme.test", "not the password");
    const unknown = await signIn("nobody@acme.test", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { requestId: _a, ...wrongBody } = (await wrong.json()) as Record<string, string>;
    const { requestId: _b, ...unknownBody } = (await unknown.json()) as Record<string, string>;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.message).not.toMatch(/exist|unknown|found/i);
  });

  it("ends the session when it expires, when signing out, and when the member is removed", async () => {
    const second = browserHeaders(await signIn("ana@acme.test"));
    const out = await api.anonymous("/api/v1/auth/sign-out", { method: "POST", headers: second });
    expect(out.status).toBe(204);
    expect((await api.anonymous("/api/v1/me", { headers: second })).status).toBe(401);

    const third = browserHeaders(await signIn("ana@acme.test"));
    const members = (await (await api.request("/api/v1/workspaces/acme/members")).json()) as {
      members: Array<{ userId: string; email: string }>;
    };
    const ana = members.members.find((member) => member.email === "ana@acme.test");
    const removed = await api.request(`/api/v1/workspaces/acme/members/${ana?.userId}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await api.anonymous("/api/v1/me", { headers: third })).status).toBe(401);
    expect((await api.anonymous("/api/v1/workspaces/acme", { headers: third })).status).toBe(401);

    const first = browserHeaders(await signIn("ana@acme.test"));
    expect((await api.anonymous("/api/v1/me", { headers: first })).status).toBe(200);
    // Time passes: every session's expiry is reached.
    await api.deps.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await api.anonymous("/api/v1/me", { headers: first })).status).toBe(401);
  });

  it("refuses cookie-authenticated writes without the CSRF token or from another origin", async () => {
    const headers = browserHeaders(await signIn("ana@acme.test"));
    const note = (extra: Record<string, string>) =>
      api.anonymous("/api/v1/workspaces/acme/meeting/notes?week=2026-W46", {
        method: "PUT",
        headers: { "content-type": "application/json", ...extra },
        body: JSON.stringify({ body: "Pipeline review" }),
      });
    const missing = await note({ cookie: headers.cookie });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ code: "csrf_failed" });
    expect((await note({ cookie: headers.cookie, "x-csrf-token": "forged" })).status).toBe(403);
    expect((await note({ ...headers, origin: "https://evil.example" })).status).toBe(403);
    const allowed = await note({ ...headers, origin: "http://localhost" });
    expect(allowed.status).not.toBe(403);
    expect(allowed.status).toBeLessThan(300);
    // Reads need no token; a cross-site sign-in form is refused by its Origin.
    expect((await api.anonymous("/api/v1/me", { headers: { cookie: headers.cookie } })).status).toBe(200);
    expect((await signIn("ana@acme.test", password, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("limits failed sign-ins per account, even for the right password afterwards", async () => {
    for (let attempt = 0; attempt < signInLimits.perAccount; attempt++)
      expect((await signIn("ana@acme.test", `guess ${attempt}`)).status).toBe(401);
    const blocked = await signIn("ana@acme.test");
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: "too_many_attempts" });
    // An unknown account is limited the same way, so the limit does not reveal which accounts exist.
    for (let attempt = 0; attempt < signInLimits.perAccount; attempt++) await signIn("ghost@acme.test", "x");
    expect((await signIn("ghost@acme.test", "x")).status).toBe(429);
  });

  it("limits failed sign-ins per address across accounts", async () => {
    const from = (address: string) => ({ "x-forwarded-for": address });
    for (let attempt = 0; attempt < signInLimits.perAddress; attempt++)
      await signIn(`spray${attempt}@acme.test`, "Winter2026!", from("203.0.113.7"));
    expect((await signIn("ana@acme.test", password, from("203.0.113.7"))).status).toBe(429);
    expect((await signIn("ana@acme.test", password, from("198.51.100.2"))).status).toBe(200);
  });

  it("records sign-ins in the audit log without the password", async () => {
    await signIn("ana@acme.test");
    await signIn("ana@acme.test", "a wrong one");
    const rows = await api.deps.database.db.query.auditLog.findMany();
    expect(rows.map((row) => row.action).sort()).toEqual(["sign-in", "sign-in-failed"]);
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain("a wrong one");
  });
});
