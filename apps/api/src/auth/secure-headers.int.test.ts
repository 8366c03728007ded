import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api?.close();
});

it("sends a CSP, forbids framing, sniffing and referrers on every answer, errors included", async () => {
  for (const path of ["/health/live", "/api/v1/status", "/api/v1/nothing-here", "/api/v1/me"]) {
    const response = await api.anonymous(path);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).toContain("object-src 'none'");
    expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
  }
});

it("refuses a request body over 5 MB before reading it", async () => {
  const response = await api.request("/api/v1/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "a@b.c", password: "x".repeat(6 * 1024 * 1024) }),
  });
  expect(response.status).toBe(413);
});
