import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { alerts, ensureWorkspace, migrateDatabase, openDatabase } from "@revops/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, screenshotsDir } from "../support/browser.ts";
import { freePort, type RunningProcess, runNode, tempDataDir, waitFor } from "../support/processes.ts";
import { buildDashboard } from "./dashboard-demo.ts";

const ownerPassword = "demo owner password 2026";
const people = {
  editor: { email: "eddie@example.test", password: "editor password 2026" },
  viewer: { email: "vera@example.test", password: "viewer password 2026" },
};

let api: RunningProcess;
let browser: Browser;
let baseUrl: string;
const links: Record<string, string> = {};
const alertIds: Record<string, string> = {};

/** Two breached alerts in the demo workspace (no CRM here), written before the API owns the PGlite folder. */
async function seedAlerts(dataDir: string) {
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  await ensureWorkspace(database.db, { id: "demo", name: "Demo company" });
  const now = Date.now();
  for (const name of ["Ada Quick", "Ben Slow"]) {
    const [row] = await database.db
      .insert(alerts)
      .values({
        workspaceId: "demo",
        ruleKey: "mql-response",
        ruleName: "MQL response",
        entityKind: "lead",
        entityId: `lead-${name}`,
        entityName: name,
        cycleIndex: 0,
        kind: "breached",
        dueAt: new Date(now - 3_600_000),
        deadlineAt: new Date(now - 3_600_000),
      })
      .returning({ id: alerts.id });
    if (row) alertIds[name] = row.id;
  }
  await database.close();
}

/** The API as a script would call it: cookies and the CSRF token from the sign-in answer. */
async function signedInFetch(email: string, password: string) {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify(body),
    });
}

beforeAll(async () => {
  // Built from these sources into a folder of its own (a shared apps/web/dist may be older).
  const webDist = buildDashboard();
  const dataDir = tempDataDir();
  await seedAlerts(dataDir);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = runNode("apps/api/src/main.ts", {
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
    DEMO_WORKSPACE: "demo",
    DEMO_OWNER_PASSWORD: ownerPassword,
  });
  await waitFor("the API to be ready", async () => ((await fetch(`${baseUrl}/health/ready`)).ok ? true : undefined));
  // The owner invites an editor (who signs up through the API) and a viewer (through the browser).
  const owner = await signedInFetch("demo@example.com", ownerPassword);
  for (const [role, person] of Object.entries(people)) {
    const invited = await owner("/api/v1/workspaces/demo/invitations", { email: person.email, role });
    expect(invited.status).toBe(201);
    const { link } = (await invited.json()) as { link: string };
    links[role] = link;
  }
  const editorToken = links.editor?.split("/invite/")[1];
  const joined = await fetch(`${baseUrl}/api/v1/invitations/${editorToken}/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Eddie", password: people.editor.password }),
  });
  expect(joined.status).toBe(200);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

async function signIn(email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").waitFor();
  return page;
}

it("prints the demo owner's sign-in at start", () => {
  expect(api.output()).toContain("Sign in as demo@example.com");
  // A configured password is not echoed into the logs.
  expect(api.output()).not.toContain(ownerPassword);
});

it("refuses a wrong password with a message that does not say whether the account exists", async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/meeting`);
  await page.getByLabel("Email").fill(people.editor.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  expect(await page.getByRole("alert").textContent()).toBe("The email or password is not right.");
});

it("an editor adds an action item and acknowledges an alert, but cannot change the definitions", async () => {
  const page = await signIn(people.editor.email, people.editor.password);
  expect(await page.getByTestId("signed-in-as").textContent()).toBe(people.editor.email);
  await page.goto(`${baseUrl}/meeting?workspace=demo&week=2026-W46`);
  await page.getByLabel("What").fill("Call back every breached lead");
  await page.getByLabel("Owner").fill("Eddie");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByText("Call back every breached lead").first().waitFor();
  await page.goto(`${baseUrl}/alerts?workspace=demo`);
  await page.getByRole("button", { name: "Acknowledge the alert on Ada Quick" }).click();
  await page.getByText(`Acknowledged by ${people.editor.email}`).waitFor();
  await page.goto(`${baseUrl}/definitions?workspace=demo`);
  await page.getByText("read only: ask an admin").waitFor();
  await page.screenshot({ path: join(screenshotsDir, "auth-editor.png"), fullPage: true });
});

it("a viewer joins by the invitation link, reads action items, alerts and definitions but changes nothing, and signs out", async () => {
  const page = await (await browser.newContext()).newPage();
  const path = new URL(links.viewer ?? "").pathname;
  await page.goto(`${baseUrl}${path}`);
  await page.getByText("Join Demo company as viewer").waitFor();
  await page.getByLabel("Your name").fill("Vera");
  await page.getByLabel("Choose a password").fill(people.viewer.password);
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await page.getByTestId("signed-in-as").waitFor();
  expect(await page.getByTestId("signed-in-as").textContent()).toBe(people.viewer.email);
  await page.goto(`${baseUrl}/meeting?workspace=demo&week=2026-W46`);
  await page.getByText("Call back every breached lead").first().waitFor();
  await page.getByTestId("meeting-read-only").waitFor();
  expect(await page.getByLabel("What").count()).toBe(0);
  await page.goto(`${baseUrl}/alerts?workspace=demo`);
  await page.getByText(`Acknowledged by ${people.editor.email}`).waitFor();
  // "Open" shows once the role is known (until then the control shows and the API decides).
  await page.getByTestId("alerts-table").getByText("Open", { exact: true }).waitFor();
  expect(await page.getByRole("button", { name: /^Acknowledge/ }).count()).toBe(0);
  await page.screenshot({ path: join(screenshotsDir, "auth-viewer.png"), fullPage: true });
  await page.goto(`${baseUrl}/definitions?workspace=demo`);
  await page.getByText("read only: ask an admin").waitFor();
  // Hidden controls are not the guard: the API refuses the viewer's own session, CSRF token and all.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "revops_csrf")?.value ?? "";
  const forced = await page.request.post(
    `${baseUrl}/api/v1/workspaces/demo/alerts/${alertIds["Ben Slow"]}/acknowledge`,
    {
      headers: { "x-csrf-token": csrf, origin: baseUrl },
    },
  );
  expect(forced.status()).toBe(403);
  expect(await forced.json()).toMatchObject({ code: "forbidden" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.goto(`${baseUrl}/meeting?workspace=demo`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
});

it("the owner sees the members, invites by link and changes a role", async () => {
  const page = await signIn("demo@example.com", ownerPassword);
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByTestId("members").getByText(people.editor.email).waitFor();
  await page.getByLabel("Email", { exact: true }).fill("new.hire@example.test");
  await page.getByRole("button", { name: "Create the link" }).click();
  expect(await page.getByTestId("invitation-link").textContent()).toContain(`${baseUrl}/invite/`);
  await page.getByText("new.hire@example.test as viewer").waitFor();
  await page.getByLabel(`Role of ${people.editor.email}`).selectOption("admin");
  await expect
    .poll(async () => {
      const members = await page.request.get(`${baseUrl}/api/v1/workspaces/demo/members`);
      const body = (await members.json()) as { members: Array<{ email: string; role: string }> };
      return body.members.find((member) => member.email === people.editor.email)?.role;
    })
    .toBe("admin");
  await page.reload();
  await page.getByTestId("audit-log").getByText("member.role-changed").waitFor();
  await page.screenshot({ path: join(screenshotsDir, "auth-members.png"), fullPage: true });
});
