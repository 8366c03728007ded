import { expect, it } from "vitest";
import { policyFor, workspaceOfPath } from "./policy.ts";

it("finds the entry of a concrete path, literal segments before parameters", () => {
  expect(policyFor("GET", "/api/v1/workspaces/acme/definitions/versions")).toEqual({
    access: "viewer",
    template: "/api/v1/workspaces/{workspace}/definitions/versions",
  });
  expect(policyFor("PUT", "/api/v1/workspaces/acme/definitions")?.access).toBe("admin");
  expect(policyFor("HEAD", "/api/v1/workspaces/acme")?.access).toBe("viewer");
  expect(policyFor("POST", "/api/v1/auth/sign-in")?.access).toBe("public");
});

it("fails closed: an unlisted workspace route needs an owner, an unlisted other path has no entry", () => {
  expect(policyFor("DELETE", "/api/v1/workspaces/acme/something-new")).toEqual({
    access: "owner",
    template: "(unlisted)",
  });
  expect(policyFor("GET", "/api/v1/nothing-here")).toBeUndefined();
  expect(policyFor("DELETE", "/api/v1/status")).toBeUndefined();
});

it("reads the workspace of a path", () => {
  expect(workspaceOfPath("/api/v1/workspaces/acme/review")).toBe("acme");
  expect(workspaceOfPath("/api/v1/workspaces/acme")).toBe("acme");
  expect(workspaceOfPath("/api/v1/workspaces")).toBeUndefined();
  expect(workspaceOfPath("/api/v1/portfolio")).toBeUndefined();
});
