import { ensureWorkspace, type WorkspaceRole, workspaceRoles } from "@revops/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { routePolicies } from "./policy.ts";
import { atLeast } from "./roles.ts";
import { concretePath, documentedRoutes } from "./route-catalog.ts";

const routes = documentedRoutes();
const workspaceRoutes = routes.filter((route) => route.path.includes("{workspace}"));
const otherRoutes = routes.filter((route) => !route.path.includes("{workspace}"));
const json = (method: string) => ({ method, headers: { "content-type": "application/json" }, body: "{}" });
const init = (method: string) => (method === "GET" ? { method } : json(method));

/** True when the answer is withAuth refusing (401, 403, or the non-member 404), not the route itself. */
async function refusal(response: Response, workspace: string) {
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { code?: string; message?: string };
  if (response.status === 401) return "unauthorized";
  if (response.status === 403 && (body.code === "forbidden" || body.code === "csrf_failed")) return "forbidden";
  if (response.status === 404 && body.message === `Workspace "${workspace}" was not found`) return "not-member";
  return undefined;
}

describe("the policy table", () => {
  it("has an entry for every route of the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.map((route) => route.key).filter((key) => routePolicies[key] === undefined);
    expect(missing).toEqual([]);
  });

  it("gives every route under a workspace a role, and no role to routes outside one", () => {
    for (const route of workspaceRoutes) expect(workspaceRoles, route.key).toContain(routePolicies[route.key]);
    for (const route of otherRoutes)
      expect(["public", "signed-in", "person"], route.key).toContain(routePolicies[route.key]);
  });
});

describe("every role × every route", () => {
  let api: TestApi;
  const people = new Map<WorkspaceRole, Awaited<ReturnType<TestApi["personWith"]>>>();
  const tokens = new Map<WorkspaceRole, Awaited<ReturnType<TestApi["tokenFor"]>>>();
  beforeAll(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "alpha", name: "Alpha" });
    await ensureWorkspace(api.deps.database.db, { id: "beta", name: "Beta" });
    for (const role of workspaceRoles) {
      people.set(role, await api.personWith("alpha", role));
      tokens.set(role, await api.tokenFor("alpha", role));
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it.each(workspaceRoles)("a %s may call exactly the workspace routes its role allows", async (role) => {
    const person = people.get(role);
    if (!person) throw new Error("no person");
    const wrong: string[] = [];
    for (const route of workspaceRoutes) {
      const required = routePolicies[route.key] as WorkspaceRole;
      const response = await person.request(concretePath(route.path, "alpha"), init(route.method));
      const refused = await refusal(response, "alpha");
      const expected = atLeast(role, required) ? undefined : "forbidden";
      if (refused !== expected) wrong.push(`${route.key}: ${response.status} ${refused ?? "allowed"}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(workspaceRoles)("an API token with role %s gets the same answers", async (role) => {
    const token = tokens.get(role);
    if (!token) throw new Error("no token");
    const wrong: string[] = [];
    for (const route of workspaceRoutes) {
      const required = routePolicies[route.key] as WorkspaceRole;
      const response = await token.request(concretePath(route.path, "alpha"), init(route.method));
      const refused = await refusal(response, "alpha");
      const expected = atLeast(role, required) ? undefined : "forbidden";
      if (refused !== expected) wrong.push(`${route.key}: ${response.status} ${refused ?? "allowed"}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers a member of alpha 404 and no data on every route of beta, whatever the role", async () => {
    const leaks: string[] = [];
    for (const role of workspaceRoles) {
      for (const caller of [people.get(role), tokens.get(role)]) {
        for (const route of workspaceRoutes) {
          const response = await caller?.request(concretePath(route.path, "beta"), init(route.method));
          const body = await response?.text();
          if (
            response?.status !== 404 ||
            !body?.includes('Workspace \\"beta\\" was not found') ||
            body.includes("Beta")
          )
            leaks.push(`${role} ${route.key}: ${response?.status} ${body?.slice(0, 80)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("answers 401 without credentials on every route that is not public", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      if (routePolicies[route.key] === "public") continue;
      const response = await api.anonymous(concretePath(route.path, "alpha"), init(route.method));
      if (response.status !== 401) wrong.push(`${route.key}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("refuses API tokens on routes for signed-in people only", async () => {
    const token = tokens.get("owner");
    const wrong: string[] = [];
    for (const route of otherRoutes) {
      if (routePolicies[route.key] !== "person") continue;
      const response = await token?.request(concretePath(route.path, "alpha"), init(route.method));
      if (response?.status !== 403) wrong.push(`${route.key}: ${response?.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
