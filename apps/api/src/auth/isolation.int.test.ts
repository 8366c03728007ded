import { ensureWorkspace } from "@revops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { concretePath, documentedRoutes } from "./route-catalog.ts";

const json = (method: string, body: unknown = {}) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/**
 * Workspace B's own ids (action item, channel, connection, API token, invitation, member) used
 * on workspace A's routes, by an owner of A: nothing of B may be read, changed or removed.
 */
describe("B's ids through A's routes", () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "alpha", name: "Alpha" });
    await ensureWorkspace(api.deps.database.db, { id: "beta", name: "Beta" });
    const beta = "/api/v1/workspaces/beta";
    const created = async (path: string, body: unknown) => {
      const response = await api.request(`${beta}${path}`, json("POST", body));
      expect(response.status, path).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    ids.id = (
      await created("/meeting/action-items", { week: "2026-W46", title: "Beta's secret plan", owner: "Bea" })
    ).id;
    ids.channelId = (
      await created("/channels", {
        key: "beta",
        name: "Beta channel",
        kind: "slack",
        secrets: { webhookUrl: "https://127.0.0.1:9/x" },
      })
    ).id;
    ids.connectionId = (
      await created("/connections", {
        crm: "hubspot",
        name: "Beta CRM",
        settings: { baseUrl: "http://127.0.0.1:9" },
        credentials: { kind: "private_app", token: "beta-token" },
        syncNow: false,
      })
    ).id;
    ids.tokenId = (await created("/api-tokens", { name: "Beta BI", role: "viewer" })).id;
    ids.invitationId = (await created("/invitations", { email: "new@beta.test", role: "viewer" })).id;
    ids.userId = (await api.personWith("beta", "viewer", "member@beta.test")).userId;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it("answers an owner of alpha 404 on every alpha route that takes one of beta's ids", async () => {
    const alphaOwner = await api.personWith("alpha", "owner", "owner@alpha.test");
    const idParams = Object.keys(ids);
    const routes = documentedRoutes().filter(
      (route) => route.path.includes("{workspace}") && idParams.some((name) => route.path.includes(`{${name}}`)),
    );
    expect(routes.length).toBeGreaterThan(8);
    const leaks: string[] = [];
    for (const route of routes) {
      // A valid body, so that only the id can make the call fail.
      const body = route.path.includes("action-items")
        ? { week: "2026-W46", status: "done" }
        : route.path.includes("members")
          ? { role: "viewer" }
          : route.path.endsWith("}")
            ? { name: "Renamed by alpha" }
            : {};
      const init =
        route.method === "GET" || route.method === "DELETE" ? { method: route.method } : json(route.method, body);
      const response = await alphaOwner.request(concretePath(route.path, "alpha", ids), init);
      const text = await response.text();
      if (response.status !== 404 || text.includes("Beta") || text.includes("beta"))
        leaks.push(`${route.key}: ${response.status} ${text.slice(0, 100)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("leaves beta's records as they were", async () => {
    const beta = "/api/v1/workspaces/beta";
    const meeting = await (await api.request(`${beta}/meeting?week=2026-W46`)).text();
    expect(meeting).toContain("Beta's secret plan");
    expect(await (await api.request(`${beta}/channels`)).text()).toContain(ids.channelId);
    expect((await api.request(`${beta}/connections/${ids.connectionId}`)).status).toBe(200);
    const tokens = (await (await api.request(`${beta}/api-tokens`)).json()) as {
      tokens: Array<{ id: string; revokedAt: string | null }>;
    };
    expect(tokens.tokens.find((token) => token.id === ids.tokenId)?.revokedAt).toBeNull();
    const invitations = (await (await api.request(`${beta}/invitations`)).json()) as {
      invitations: Array<{ id: string; state: string }>;
    };
    expect(invitations.invitations.find((invitation) => invitation.id === ids.invitationId)?.state).toBe("open");
    const members = await (await api.request(`${beta}/members`)).text();
    expect(members).toContain("member@beta.test");
  });
});
