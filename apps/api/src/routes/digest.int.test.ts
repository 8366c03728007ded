import { ensureWorkspace } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi } from "../testing/test-api.ts";

const base = "/api/v1/workspaces/acme/digest";
const post = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("digest API", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeEach(async () => {
    api = await createTestApi({ env: { PUBLIC_URL: "https://revops.example.test" } });
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme", timezone: "Europe/Paris" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("manages subscribers and previews the digest of a week", async () => {
    expect((await api.request(`${base}/subscribers`, post({ email: "CEO@acme.test" }))).status).toBe(200);
    await api.request(`${base}/subscribers`, post({ email: "ceo@acme.test" }));
    expect(await (await api.request(`${base}/subscribers`)).json()).toEqual({ subscribers: ["ceo@acme.test"] });
    const bad = await api.request(`${base}/subscribers`, post({ email: "not-an-address" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("email");
    expect((await api.request(`${base}/subscribers/ceo@acme.test`, { method: "DELETE" })).status).toBe(204);
    expect((await api.request(`${base}/subscribers/ceo@acme.test`, { method: "DELETE" })).status).toBe(404);

    const preview = (await (await api.request(`${base}/preview?week=2026-W47`)).json()) as {
      week: string;
      subject: string;
      text: string;
      slack: { blocks: unknown[] };
    };
    expect(preview.week).toBe("2026-W47");
    expect(preview.subject).toBe("Weekly RevOps digest 2026-W47: Acme");
    expect(preview.text).toContain("MQLs: 0");
    expect(preview.text).toContain("https://revops.example.test/meeting?workspace=acme&week=2026-W47");
    expect(preview.slack.blocks.length).toBeGreaterThan(3);
  });
});
