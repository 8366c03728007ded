import { alerts, ensureWorkspace, memberships } from "@revops/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";

describe("the portfolio", () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
    const db = api.deps.database.db;
    for (const [id, name] of [
      ["acme", "Acme"],
      ["globex", "Globex"],
      ["initech", "Initech"],
    ] as const)
      await ensureWorkspace(db, { id, name, timezone: "Europe/Paris" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("lists only the person's workspaces, each with its role, the one with breaches this week first", async () => {
    const cro = await api.personWith("acme", "owner", "cro@fractional.test");
    const db = api.deps.database.db;
    await db.insert(memberships).values({ userId: cro.userId, workspaceId: "globex", role: "viewer" });
    const breach = (workspaceId: string, entityId: string, createdAt: Date) => ({
      workspaceId,
      ruleKey: "mql_response",
      ruleName: "MQL response",
      entityKind: "lead" as const,
      entityId,
      cycleIndex: 0,
      kind: "breached" as const,
      dueAt: createdAt,
      deadlineAt: createdAt,
      createdAt,
    });
    await db.insert(alerts).values([
      breach("globex", "lead-1", new Date()),
      breach("globex", "lead-2", new Date()),
      // Two weeks ago: not this week.
      breach("acme", "lead-3", new Date(Date.now() - 14 * 86_400_000)),
      // Initech is not the CRO's: its breaches must not show.
      breach("initech", "lead-4", new Date()),
    ]);

    const response = await cro.request("/api/v1/portfolio");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      workspaces: Array<{ workspace: string; role: string; breachesThisWeek: number; missing: string[] }>;
    };
    expect(body.workspaces.map((entry) => [entry.workspace, entry.role, entry.breachesThisWeek])).toEqual([
      ["globex", "viewer", 2],
      ["acme", "owner", 0],
    ]);
    expect(JSON.stringify(body)).not.toContain("initech");
    // The review engine answered for each (no data yet: numbers are null, freshness says why).
    for (const entry of body.workspaces) expect(entry.missing).toEqual(["data freshness (no CRM connected)"]);
  });

  it("is for people, not API tokens", async () => {
    const token = await api.tokenFor("acme", "owner");
    expect((await token.request("/api/v1/portfolio")).status).toBe(403);
  });
});
