import { ensureWorkspace } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi } from "./testing/test-api.ts";

describe("the API skeleton", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it("is ready when the database and Redis answer, naming the database kind", async () => {
    const response = await api.request("/health/ready");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ok: true, database: { ok: true, kind: process.env.TEST_DB }, redis: { ok: true } });
  });

  it("is not ready when Redis stops answering", async () => {
    api.deps.redis.disconnect();
    const response = await api.request("/health/ready");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, redis: { ok: false } });
  });

  it("answers every failure with { code, message, requestId }", async () => {
    const unknownRoute = await api.request("/api/v1/nothing-here");
    expect(unknownRoute.status).toBe(404);
    const body = (await unknownRoute.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["code", "message", "requestId"]);
    expect(body.requestId).toBe(unknownRoute.headers.get("x-request-id"));

    const badParam = await api.request("/api/v1/workspaces/Not_Valid");
    expect(badParam.status).toBe(400);
    expect(await badParam.json()).toMatchObject({ code: "bad_request", message: expect.stringContaining("workspace") });

    const missing = await api.request("/api/v1/workspaces/acme");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_found", message: 'Workspace "acme" was not found' });
  });

  it("never leaks an internal error message in a 500", async () => {
    await api.deps.database.close();
    const response = await api.request("/api/v1/workspaces", { headers: { "x-request-id": "trace-me-123" } });
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({
      code: "internal",
      message: expect.stringContaining("Something went wrong"),
      requestId: "trace-me-123",
    });
    expect(JSON.stringify(body)).not.toMatch(/pglite|postgres|closed|stack/i);
  });

  it("serves workspaces under /api/v1 and documents them in /api/openapi.json", async () => {
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme", timezone: "Europe/Paris" });
    const response = await api.request("/api/v1/workspaces/acme");
    expect(await response.json()).toEqual({
      id: "acme",
      name: "Acme",
      timezone: "Europe/Paris",
      fiscalYearStartMonth: 1,
    });
    const document = (await (await api.request("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain("/api/v1/workspaces/{workspace}");
  });
});
