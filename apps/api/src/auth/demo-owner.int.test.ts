import { ensureWorkspace } from "@revops/db";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/test-api.ts";
import { ensureDemoOwner } from "./demo-owner.ts";

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
  await ensureWorkspace(api.deps.database.db, { id: "demo", name: "Demo company" });
});
afterEach(async () => {
  await api.close();
});

const signIn = (email: string, password: string) =>
  api.anonymous("/api/v1/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

it("gives the demo workspace an owner whose printed password works, new at each start", async () => {
  const first = await ensureDemoOwner(api.deps.database.db, "demo", api.deps.config.auth);
  expect(first).toMatchObject({ email: "demo@example.com", generated: true });
  expect(first.password.length).toBeGreaterThanOrEqual(16);
  const signedIn = await signIn(first.email, first.password);
  expect(signedIn.status).toBe(200);

  const second = await ensureDemoOwner(api.deps.database.db, "demo", api.deps.config.auth);
  expect(second.password).not.toBe(first.password);
  expect((await signIn(first.email, first.password)).status).toBe(401);
  expect((await signIn(second.email, second.password)).status).toBe(200);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const me = (await (await api.anonymous("/api/v1/me", { headers: { cookie } })).json()) as {
    workspaces: Array<{ id: string; role: string }>;
  };
  expect(me.workspaces).toEqual([expect.objectContaining({ id: "demo", role: "owner" })]);
});

it("uses DEMO_OWNER_PASSWORD when it is set", async () => {
  const configured = { ...api.deps.config.auth, demoOwnerPassword: "a configured password" };
  const owner = await ensureDemoOwner(api.deps.database.db, "demo", configured);
  expect(owner).toMatchObject({ password: "a configured password", generated: false });
  expect((await signIn("demo@example.com", "a configured password")).status).toBe(200);
});
