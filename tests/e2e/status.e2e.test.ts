import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, screenshotsDir } from "../support/browser.ts";
import { ensureWebBuilt } from "../support/built-web.ts";
import { freePort, type RunningProcess, runNode, tempDataDir, waitFor } from "../support/processes.ts";

let api: RunningProcess;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ensureWebBuilt();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = runNode("apps/api/src/main.ts", {
    PORT: String(port),
    DATA_DIR: tempDataDir(),
    QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
    HEARTBEAT_EVERY_MS: "1000",
  });
  await waitFor("the API to be ready", async () => ((await fetch(`${baseUrl}/health/ready`)).ok ? true : undefined));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

it("the dashboard served by the built API shows the database, Redis and a running worker", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByRole("link", { name: "System status" }).click();
  await expect.poll(() => page.url()).toBe(`${baseUrl}/status`);
  const database = page.getByTestId("status-database");
  await database.waitFor();
  expect(await database.textContent()).toContain("Embedded PGlite");
  expect(await page.getByTestId("status-redis").textContent()).toContain("OK");
  await expect
    .poll(async () => page.getByTestId("status-worker").textContent(), { timeout: 15_000 })
    .toContain("Running");
  await page.screenshot({ path: join(screenshotsDir, "status.png"), fullPage: true });
});
