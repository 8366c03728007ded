import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client.ts";
import { workspaces } from "./schema/index.ts";
import { createTestDatabase, testDatabaseKind } from "./testing/index.ts";

describe("test databases", () => {
  const opened: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((handle) => handle.close()));
  });

  it("are migrated, of the project's kind, and isolated from each other", async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    opened.push(first, second);
    expect(first.kind).toBe(testDatabaseKind());
    await first.db.insert(workspaces).values({ id: "acme", name: "Acme" });
    expect(await first.db.select().from(workspaces).where(eq(workspaces.id, "acme"))).toHaveLength(1);
    expect(await second.db.select().from(workspaces)).toHaveLength(0);
  });
});
