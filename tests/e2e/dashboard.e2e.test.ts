import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatMinutes, formatMoney, formatPercent, formatRatio } from "../../apps/web/src/lib/format.ts";
import { lastCompleteWeek, shiftWeek } from "../../apps/web/src/lib/weeks.ts";
import { launchChromium, screenshotsDir } from "../support/browser.ts";
import { waitFor } from "../support/processes.ts";
import { demoWorkspace, type RunningDemo, signIn, startDemo } from "./dashboard-demo.ts";

// biome-ignore lint/suspicious/noExplicitAny: the review API's JSON, read field by field
type Json = any;

let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const week = lastCompleteWeek();
const reviewOf = (w: string, serviceLine?: string) =>
  demo.get<Json>(
    `/api/v1/workspaces/${demoWorkspace}/review?week=${w}${serviceLine ? `&serviceLine=${serviceLine}` : ""}`,
  );
const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage });
/**
 * Polls like expect.poll, with room for a loaded shared machine (the default gives up after 1 s) and for the
 * demo's API, which answers only once the facts recompute it runs in-process after a definitions change yields.
 */
const eventually = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 120_000, interval: 100 });
const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

beforeAll(async () => {
  demo = await startDemo();
  // The first sync is followed by the facts recompute: wait until the review has this week's MQLs.
  await waitFor(
    "this week's MQLs in the review",
    async () => {
      const all = (await reviewOf(week)).rows.find((r: Json) => r.serviceLine === "all");
      return all?.responseTime.mqls > 0 ? true : undefined;
    },
    120_000,
  );
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signIn(context, demo.baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Every KPI figure on the page equals the review API's for the same week and service line. */
async function expectCardsEqualApi(w: string, serviceLine?: string) {
  const review = await reviewOf(w, serviceLine);
  const row = review.rows.find((r: Json) => r.serviceLine === (serviceLine ?? "all"));
  await eventually(() => page.getByTestId("review").getAttribute("data-week")).toBe(w);
  expect(await text("kpi-response-mqls")).toBe(formatCount(row.responseTime.mqls));
  expect(await text("kpi-response-breached")).toBe(formatCount(row.responseTime.breached));
  expect(await text("kpi-response-within")).toBe(formatPercent(row.responseTime.withinSlaRate));
  expect(await page.getByTestId("kpi-response").textContent()).toContain(formatMinutes(row.responseTime.medianMinutes));
  expect(await page.getByTestId("kpi-acceptance").textContent()).toContain(formatPercent(row.acceptance.rate));
  expect(await text("kpi-acceptance-accepted")).toBe(formatCount(row.acceptance.accepted));
  expect(await text("kpi-coverage-open")).toBe(formatMoney(row.coverage.openPipeline));
  expect(await text("kpi-winrate-won")).toBe(formatCount(row.winRate.won));
  expect(await page.getByTestId("kpi-winrate").textContent()).toContain(formatPercent(row.winRate.rate));
  for (const step of ["mqls", "sal", "sql", "opportunity", "closed_won"])
    expect(await text(`funnel-${step}`)).toBe(formatCount(row.conversion[step]));
  return { review, row };
}

describe("the weekly review dashboard on the demo", () => {
  it("opens on the last complete week with the review API's numbers, per service line too", async () => {
    await page.goto(`${demo.baseUrl}/`);
    await page.getByTestId("review").waitFor();
    const { review } = await expectCardsEqualApi(week);
    const table = page.getByTestId("service-line-table");
    for (const row of review.rows) {
      const line = table.locator(`tr[data-service-line="${row.serviceLine}"]`);
      expect(await line.locator("td").first().textContent()).toBe(formatCount(row.responseTime.mqls));
    }
    await shot("weekly-review");
  });

  it("says how fresh the data is on every page", async () => {
    for (const path of ["/", "/meeting", "/definitions", "/alerts", "/connections"]) {
      await page.goto(`${demo.baseUrl}${path}`);
      await eventually(() => text("freshness")).toMatch(/^⟳ Synced (just now|\d+ (min|h|d) ago)/);
    }
  });

  it("changes week and service line through the URL, and the numbers follow", async () => {
    await page.goto(`${demo.baseUrl}/`);
    await expectCardsEqualApi(week);
    await page.getByTestId("week-previous").click();
    await eventually(() => new URL(page.url()).searchParams.get("week")).toBe(shiftWeek(week, -1));
    await expectCardsEqualApi(shiftWeek(week, -1));

    const options = await page
      .locator("#service-line-select option")
      .evaluateAll((els) => els.map((el) => el.getAttribute("value") ?? "").filter(Boolean));
    const all = await reviewOf(shiftWeek(week, -1));
    const line =
      options.find((value) => all.rows.some((r: Json) => r.serviceLine === value && r.responseTime.mqls > 0)) ??
      options[0];
    await page.selectOption("#service-line-select", line as string);
    await eventually(() => new URL(page.url()).searchParams.get("serviceLine")).toBe(line);
    await expectCardsEqualApi(shiftWeek(week, -1), line);
    // The link reproduces the view.
    await page.reload();
    await expectCardsEqualApi(shiftWeek(week, -1), line);
    await shot("weekly-review-service-line");
  });

  it("drills down from a count to the records behind it, exportable to CSV", async () => {
    await page.goto(`${demo.baseUrl}/?week=${week}`);
    const { row } = await expectCardsEqualApi(week);
    await page.getByTestId("kpi-response-mqls").click();
    const drawer = page.getByTestId("records-drawer");
    await drawer.waitFor();
    await eventually(() => text("records-count")).toBe(String(row.responseTime.mqls));
    expect(await drawer.getByTestId("record-row").count()).toBe(Math.min(row.responseTime.mqls, 1000));
    const csvHref = await drawer.getByTestId("records-csv").getAttribute("href");
    const csv = await page.evaluate(async (href) => (await fetch(href as string)).text(), csvHref);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(row.responseTime.mqls + 1);
    // The drawer is fixed to the viewport: a full-page shot would cut it off.
    await shot("weekly-review-drill-down", false);
    await page.keyboard.press("Escape");
    await eventually(() => drawer.count()).toBe(0);
  });

  it("links the drilled-down records to their pages in the CRM", async () => {
    await page.goto(`${demo.baseUrl}/?week=${week}&drill=responseTime.mqls&drillLine=all`);
    const drawer = page.getByTestId("records-drawer");
    await drawer.getByTestId("record-row").first().waitFor();
    // Each record links to its page in its CRM when the connection says where (HubSpot needs the portal id).
    const links = await drawer
      .getByTestId("record-row")
      .locator("th a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^https?:\/\//);
  });

  it("adds an action item in the meeting and carries it into the next week until done", async () => {
    const title = `Call back every breached lead (${Date.now()})`;
    await page.goto(`${demo.baseUrl}/meeting?week=${week}`);
    await page.getByLabel("What").fill(title);
    await page.getByLabel("Owner", { exact: true }).fill("Sam Rivera");
    await page.getByLabel("Due", { exact: true }).fill("2031-01-15");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    const item = page.getByTestId("action-item").filter({ hasText: title });
    await item.waitFor();
    await page.getByLabel("Notes of the").fill("Coverage is thin; marketing doubles webinar follow-ups.");
    await page.getByRole("button", { name: "Save notes" }).click();
    await eventually(() => page.locator("#notes-saved").textContent()).toContain("Saved by");
    await shot("review-meeting");

    await page.getByTestId("week-next").click();
    await eventually(() => new URL(page.url()).searchParams.get("week")).toBe(shiftWeek(week, 1));
    const carried = page.getByTestId("action-item").filter({ hasText: title });
    await carried.waitFor();
    expect(await carried.getByTestId("carried-over").textContent()).toContain(`Carried from ${week}`);
    expect(await page.locator("details.previous-notes").textContent()).toContain("webinar follow-ups");
    await shot("review-meeting-carried-over");
    await carried.getByRole("combobox", { name: /^Status of/ }).selectOption("done");
    await eventually(() => carried.getAttribute("data-status")).toBe("done");

    await page.getByTestId("week-next").click();
    await eventually(() => new URL(page.url()).searchParams.get("week")).toBe(shiftWeek(week, 2));
    await page.getByTestId("agenda-summary").waitFor();
    expect(await page.getByTestId("action-item").filter({ hasText: title }).count()).toBe(0);
  });

  it("edits a definition, shows a validation message next to the field, and the numbers change", async () => {
    const before = (await reviewOf(week)).rows.find((r: Json) => r.serviceLine === "all").coverage;
    await page.goto(`${demo.baseUrl}/definitions`);
    const version = Number(await text("definitions-version"));
    await page.getByRole("button", { name: "Add a target" }).click();
    const targets = page.getByTestId("targets").locator("tbody tr");
    const last = targets.last();
    await last.locator("input").first().fill(before.period);
    await last.locator('input[type="number"]').fill("-5");
    await page.getByRole("button", { name: /^Save/ }).click();
    await last.getByTestId("field-error").waitFor();
    await shot("definitions-validation");

    const quota = before.closedWon + before.openPipeline * 2 + 1000;
    await last.locator('input[type="number"]').fill(String(quota));
    await page.getByLabel("Why this change").fill("Board-approved quota");
    await page.getByRole("button", { name: /^Save/ }).click();
    await eventually(async () => Number(await text("definitions-version"))).toBe(version + 1);
    await page.getByTestId("diff").waitFor();
    expect(await page.getByTestId("diff").textContent()).toContain(String(quota));
    await shot("definitions");

    const after = (await reviewOf(week)).rows.find((r: Json) => r.serviceLine === "all").coverage;
    expect(after.quota).toBe(quota);
    expect(after.ratio).not.toBe(before.ratio);
    await page.goto(`${demo.baseUrl}/?week=${week}`);
    await page.getByTestId("review").waitFor();
    expect(await page.getByTestId("kpi-coverage").textContent()).toContain(formatMoney(quota));
    expect(await page.getByTestId("kpi-coverage").textContent()).toContain(formatRatio(after.ratio));
  });

  it("shows alerts, connections with their sync runs, and data quality", async () => {
    await page.goto(`${demo.baseUrl}/alerts`);
    await page.locator('[data-testid="alerts-table"], [data-testid="empty-state"]').first().waitFor();
    await shot("alerts");

    await page.goto(`${demo.baseUrl}/connections`);
    await page.getByTestId("connection").first().waitFor();
    expect(await page.getByTestId("connection").count()).toBe(2);
    await page.getByTestId("sync-runs").first().waitFor();
    await page.locator('[data-testid="data-quality"], [data-testid="dq-empty"]').first().waitFor();
    await page.getByTestId("alert-channels").getByRole("heading", { name: "Alert channels" }).waitFor();
    await shot("connections");

    await page.goto(`${demo.baseUrl}/status`);
    await page.getByTestId("status-database").waitFor();
  });

  it("prints the weekly review as a clean report", async () => {
    await page.goto(`${demo.baseUrl}/?week=${week}`);
    await page.getByTestId("review").waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".sidenav").isVisible()).toBe(false);
    expect(await page.locator(".controls").isVisible()).toBe(false);
    await shot("weekly-review-print");
    await page.emulateMedia({ media: "screen" });
  });
});
