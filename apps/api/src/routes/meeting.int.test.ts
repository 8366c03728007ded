import { ensureWorkspace } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi } from "../testing/test-api.ts";

const base = "/api/v1/workspaces/acme/meeting";
const send = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("the review meeting API", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeEach(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme" });
    await ensureWorkspace(api.deps.database.db, { id: "other", name: "Other" });
  });
  afterEach(async () => {
    await api.close();
  });

  const meeting = async (week: string, workspace = "acme") =>
    (await (await api.request(`/api/v1/workspaces/${workspace}/meeting?week=${week}`)).json()) as {
      notes: { body: string; author: string } | null;
      previousNotes: { week: string; body: string } | null;
      actionItems: Array<{ id: string; title: string; status: string; carriedOver: boolean; doneWeek: string | null }>;
    };

  it("carries an action item into every later week until the week it is done", async () => {
    const created = await api.request(
      `${base}/action-items`,
      send("POST", { week: "2026-W46", title: "Call back stalled deals", owner: "Sam", dueDate: "2026-11-20" }),
    );
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string; carriedOver: boolean; createdBy: string };
    expect(item).toMatchObject({ carriedOver: false, createdBy: api.testOwner.email });

    expect((await meeting("2026-W45")).actionItems).toEqual([]);
    expect((await meeting("2026-W46")).actionItems).toMatchObject([{ id: item.id, carriedOver: false }]);
    expect((await meeting("2026-W48")).actionItems).toMatchObject([{ id: item.id, carriedOver: true, status: "open" }]);

    const done = await api.request(
      `${base}/action-items/${item.id}`,
      send("PATCH", { week: "2026-W48", status: "done" }),
    );
    expect(await done.json()).toMatchObject({ status: "done", doneWeek: "2026-W48" });
    expect((await meeting("2026-W47")).actionItems).toHaveLength(1);
    expect((await meeting("2026-W48")).actionItems).toMatchObject([{ status: "done", doneWeek: "2026-W48" }]);
    expect((await meeting("2026-W49")).actionItems).toEqual([]);

    await api.request(`${base}/action-items/${item.id}`, send("PATCH", { week: "2026-W49", status: "in_progress" }));
    expect((await meeting("2026-W50")).actionItems).toMatchObject([{ status: "in_progress", doneWeek: null }]);
    expect((await meeting("2026-W50", "other")).actionItems).toEqual([]);
  });

  it("keeps notes per week and shows the previous week's notes", async () => {
    const saved = await api.request(`${base}/notes?week=2026-W46`, send("PUT", { body: "Coverage is thin in EMEA" }));
    expect(saved.status).toBe(200);
    await api.request(`${base}/notes?week=2026-W46`, send("PUT", { body: "Coverage is thin in EMEA; hire an SDR" }));
    const w47 = await meeting("2026-W47");
    expect(w47.notes).toBeNull();
    expect(w47.previousNotes).toMatchObject({ week: "2026-W46", body: "Coverage is thin in EMEA; hire an SDR" });
    expect((await meeting("2026-W46")).notes).toMatchObject({ body: "Coverage is thin in EMEA; hire an SDR" });
    expect((await meeting("2026-W46", "other")).notes).toBeNull();
  });

  it("names the field when input is wrong, and 404s what does not exist", async () => {
    const badWeek = await api.request(`${base}?week=2026-47`);
    expect(badWeek.status).toBe(400);
    expect(await badWeek.json()).toMatchObject({ message: expect.stringContaining("ISO week") });
    const noOwner = await api.request(
      `${base}/action-items`,
      send("POST", { week: "2026-W46", title: "x", owner: " " }),
    );
    expect(noOwner.status).toBe(400);
    expect(await noOwner.json()).toMatchObject({ message: expect.stringContaining("owner") });
    const missing = await api.request(
      `${base}/action-items/00000000-0000-4000-8000-000000000000`,
      send("PATCH", { week: "2026-W46", status: "done" }),
    );
    expect(missing.status).toBe(404);
    expect((await api.request("/api/v1/workspaces/nope/meeting?week=2026-W46")).status).toBe(404);
  });

  it("does not let one workspace change another's items", async () => {
    const created = await api.request(
      `${base}/action-items`,
      send("POST", { week: "2026-W46", title: "t", owner: "o" }),
    );
    const { id } = (await created.json()) as { id: string };
    const foreign = await api.request(
      `/api/v1/workspaces/other/meeting/action-items/${id}`,
      send("PATCH", { week: "2026-W46", status: "done" }),
    );
    expect(foreign.status).toBe(404);
    expect(
      (await api.request(`/api/v1/workspaces/other/meeting/action-items/${id}`, { method: "DELETE" })).status,
    ).toBe(404);
    expect((await api.request(`${base}/action-items/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await meeting("2026-W46")).actionItems).toEqual([]);
  });
});
