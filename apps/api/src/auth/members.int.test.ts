import { ensureWorkspace, invitations } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";

const send = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("members, invitations and API tokens", () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
    await ensureWorkspace(api.deps.database.db, { id: "globex", name: "Globex" });
  });
  afterEach(async () => {
    await api.close();
  });

  const invite = async (email: string, role: string) => {
    const response = await api.request("/api/v1/workspaces/acme/invitations", send("POST", { email, role }));
    expect(response.status).toBe(201);
    const { link } = (await response.json()) as { link: string };
    return link.split("/invite/")[1] ?? "";
  };

  it("invites by a link that works once, signs the new person up with the invited role", async () => {
    const token = await invite("Lea@Acme.test", "editor");
    const preview = await api.anonymous(`/api/v1/invitations/${token}`);
    expect(await preview.json()).toMatchObject({ workspaceName: "Acme", email: "lea@acme.test", role: "editor" });

    const joined = await api.anonymous(
      `/api/v1/invitations/${token}/sign-up`,
      send("POST", { name: "Lea", password: "a long enough password" }),
    );
    expect(joined.status).toBe(200);
    expect(await joined.json()).toEqual({ workspace: "acme", role: "editor" });
    expect(joined.headers.getSetCookie().join()).toContain("revops_session=");

    const again = await api.anonymous(
      `/api/v1/invitations/${token}/sign-up`,
      send("POST", { name: "Mallory", password: "another long password" }),
    );
    expect(again.status).toBe(404);
    const members = (await (await api.request("/api/v1/workspaces/acme/members")).json()) as {
      members: Array<{ email: string; role: string }>;
    };
    expect(members.members).toContainEqual(expect.objectContaining({ email: "lea@acme.test", role: "editor" }));
    // The invitation table keeps only a hash of the link.
    const stored = await api.deps.database.db.select().from(invitations);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("refuses an expired link and a link for another email", async () => {
    const expired = await invite("old@acme.test", "viewer");
    await api.deps.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await api.anonymous(`/api/v1/invitations/${expired}`)).status).toBe(404);

    const forBob = await invite("bob@acme.test", "viewer");
    const carol = await api.personWith("globex", "viewer", "carol@globex.test");
    const stolen = await carol.request(`/api/v1/invitations/${forBob}/accept`, { method: "POST" });
    expect(stolen.status).toBe(403);
    const bob = await api.personWith("globex", "viewer", "bob@acme.test");
    const accepted = await bob.request(`/api/v1/invitations/${forBob}/accept`, { method: "POST" });
    expect(await accepted.json()).toEqual({ workspace: "acme", role: "viewer" });
  });

  it("changes roles, keeps the last owner, and writes each change to the audit log", async () => {
    const sam = await api.personWith("acme", "viewer", "sam@acme.test");
    const promote = await api.request(
      `/api/v1/workspaces/acme/members/${sam.userId}`,
      send("PATCH", { role: "admin" }),
    );
    expect(promote.status).toBe(204);
    expect((await sam.request("/api/v1/workspaces/acme/audit-log")).status).toBe(200);

    const owner = api.testOwner;
    const demote = await api.request(
      `/api/v1/workspaces/acme/members/${owner.userId}`,
      send("PATCH", { role: "viewer" }),
    );
    expect(demote.status).toBe(409);
    const remove = await api.request(`/api/v1/workspaces/acme/members/${owner.userId}`, { method: "DELETE" });
    expect(remove.status).toBe(409);

    const log = (await (await api.request("/api/v1/workspaces/acme/audit-log")).json()) as {
      entries: Array<{ action: string; target: string; detail: Record<string, unknown> }>;
    };
    expect(log.entries[0]).toMatchObject({
      action: "member.role-changed",
      target: sam.userId,
      detail: { from: "viewer", to: "admin" },
    });
    // Another workspace's log holds nothing of this one.
    const other = (await (await api.request("/api/v1/workspaces/globex/audit-log")).json()) as { entries: unknown[] };
    expect(other.entries).toEqual([]);
  });

  it("lets a person open a workspace for a new client and own it; a taken id is refused", async () => {
    const cro = await api.personWith("acme", "viewer", "cro@fractional.test");
    const created = await cro.request(
      "/api/v1/workspaces",
      send("POST", { id: "hooli", name: "Hooli", timezone: "America/Los_Angeles" }),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: "hooli",
      name: "Hooli",
      timezone: "America/Los_Angeles",
      role: "owner",
    });
    expect((await cro.request("/api/v1/workspaces/hooli/members")).status).toBe(200);
    const taken = await cro.request("/api/v1/workspaces", send("POST", { id: "globex", name: "Mine now" }));
    expect(taken.status).toBe(409);
    expect((await cro.request("/api/v1/workspaces/globex")).status).toBe(404);
    const token = await api.tokenFor("acme", "owner");
    expect((await token.request("/api/v1/workspaces", send("POST", { id: "x1", name: "X" }))).status).toBe(403);
  });

  it("records definition changes in the workspace's audit log, with who and which fields", async () => {
    const current = (await (await api.request("/api/v1/workspaces/acme/definitions")).json()) as {
      definitions: { timezone: string };
    };
    const changed = await api.request(
      "/api/v1/workspaces/acme/definitions",
      send("PUT", { definitions: { ...current.definitions, timezone: "America/New_York" }, note: "move to NY" }),
    );
    expect(changed.status).toBe(200);
    const log = (await (await api.request("/api/v1/workspaces/acme/audit-log")).json()) as {
      entries: Array<{ actor: string; action: string; target: string; detail: { changed: string[] } }>;
    };
    expect(log.entries[0]).toMatchObject({ actor: api.testOwner.email, action: "definitions.changed", target: "v1" });
    expect(log.entries[0]?.detail.changed).toContain("timezone");
  });

  it("shows an API token once, scopes it to one workspace and role, and revokes it", async () => {
    const created = await api.request(
      "/api/v1/workspaces/acme/api-tokens",
      send("POST", { name: "BI", role: "viewer" }),
    );
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const bearer = (path: string, init: RequestInit = {}) =>
      api.anonymous(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });

    const listed = await (await api.request("/api/v1/workspaces/acme/api-tokens")).text();
    expect(listed).toContain(id);
    expect(listed).not.toContain(token);

    expect((await bearer("/api/v1/workspaces/acme/definitions")).status).toBe(200);
    // No CSRF token needed for a Bearer write; the viewer role still refuses it.
    const write = await bearer("/api/v1/workspaces/acme/meeting/notes?week=2026-W46", send("PUT", { body: "x" }));
    expect(write.status).toBe(403);
    expect((await bearer("/api/v1/workspaces/globex/definitions")).status).toBe(404);
    const workspaces = (await (await bearer("/api/v1/workspaces")).json()) as { workspaces: Array<{ id: string }> };
    expect(workspaces.workspaces.map((workspace) => workspace.id)).toEqual(["acme"]);

    expect((await api.request(`/api/v1/workspaces/acme/api-tokens/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await bearer("/api/v1/workspaces/acme/definitions")).status).toBe(401);
  });

  it("never lets a token outrank or outlive its creator's membership", async () => {
    const editor = await api.personWith("acme", "admin", "eve@acme.test");
    const tooStrong = await editor.request(
      "/api/v1/workspaces/acme/api-tokens",
      send("POST", { name: "x", role: "owner" }),
    );
    expect(tooStrong.status).toBe(403);
    const made = await editor.request("/api/v1/workspaces/acme/api-tokens", send("POST", { name: "x", role: "admin" }));
    const { token } = (await made.json()) as { token: string };
    const bearer = (path: string) => api.anonymous(path, { headers: { authorization: `Bearer ${token}` } });
    expect((await bearer("/api/v1/workspaces/acme/audit-log")).status).toBe(200);

    await api.request(`/api/v1/workspaces/acme/members/${editor.userId}`, send("PATCH", { role: "viewer" }));
    expect((await bearer("/api/v1/workspaces/acme/audit-log")).status).toBe(403);
    await api.request(`/api/v1/workspaces/acme/members/${editor.userId}`, { method: "DELETE" });
    expect((await bearer("/api/v1/workspaces/acme/definitions")).status).toBe(401);
  });
});
