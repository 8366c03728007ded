import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatMinutes } from "../../apps/web/src/lib/format.ts";
import { lastCompleteWeek, shiftWeek } from "../../apps/web/src/lib/weeks.ts";
import { launchChromium, screenshotsDir } from "../support/browser.ts";
import { waitFor } from "../support/processes.ts";
import { demoWorkspace, type RunningDemo, signIn, startDemo } from "./dashboard-demo.ts";

// biome-ignore lint/suspicious/noExplicitAny: the review API's JSON, read field by field
type Json = any;

let demo: RunningDemo;
let browser: Browser;
let page: Page;
const week = lastCompleteWeek();
const reviewOf = () => demo.get<Json>(`/api/v1/workspaces/${demoWorkspace}/review?week=${week}`);
const rowOf = async (serviceLine = "all") => (await reviewOf()).rows.find((r: Json) => r.serviceLine === serviceLine);
const shot = (name: string) => page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
/** Polls like expect.poll, with room for a facts recompute on a loaded shared machine (the demo's API waits for it). */
const eventually = <T>(probe: () => T | Promise<T>) => expect.poll(probe, { timeout: 150_000, interval: 500 });
const slow = 420_000;
const version = async () => Number(await page.getByTestId("definitions-version").textContent());

/** The message shown with a control: the control points to it, and it sits in the control's own field or cell. */
async function messageNextTo(control: Locator): Promise<string> {
  await expect.poll(() => control.getAttribute("aria-invalid"), { timeout: 20_000 }).toBe("true");
  const errorId = (await control.getAttribute("aria-describedby"))?.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId).toBeDefined();
  const box = control.locator(
    "xpath=ancestor::*[self::td or self::th or contains(concat(' ', @class, ' '), ' field ')][1]",
  );
  const message = box.locator(`[id="${errorId}"]`);
  expect(await message.count()).toBe(1);
  return (await message.textContent()) ?? "";
}

/** Reloads the weekly review until a figure on screen is the review API's at that moment (a recompute may be running). */
async function reviewShows(figure: (page: Page) => Locator, expected: (row: Json) => string, serviceLine = "all") {
  await eventually(async () => {
    await page.goto(`${demo.baseUrl}/?week=${week}`);
    await figure(page).waitFor();
    return (await figure(page).textContent())?.includes(expected(await rowOf(serviceLine)));
  }).toBe(true);
}

/** Saves the definitions form with a note and waits for the next version in the history. */
async function saveDefinitions(note: string) {
  const before = await version();
  await page.getByLabel("Why this change").fill(note);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith("/definitions"), {
      timeout: slow,
    }),
    page.getByRole("button", { name: /^Save/ }).click(),
  ]);
  expect(`${saved.status()} ${await saved.text()}`).toMatch(new RegExp(`^200 .*"version":${before + 1}`));
  await eventually(version).toBe(before + 1);
  await eventually(() => page.getByTestId("versions").textContent()).toContain(note);
}

beforeAll(async () => {
  demo = await startDemo();
  await waitFor(
    "this week's MQLs in the review",
    async () => ((await rowOf())?.responseTime.mqls > 0 ? true : undefined),
    120_000,
  );
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signIn(context, demo.baseUrl);
  page = await context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe("editing definitions and action items in the browser", () => {
  it(
    "edits an SLA rule: a bad target is named next to the field; a new target, calendar and channels change the numbers",
    async () => {
      const before = await rowOf();
      expect(before.responseTime.breached).toBeGreaterThan(0);
      await page.goto(`${demo.baseUrl}/definitions`);
      const rule = page.locator('[data-testid="sla-rule"][data-rule-key="first-touch"]');
      const target = rule.getByLabel("Target (business minutes)");
      await target.fill("0");
      await page.getByRole("button", { name: /^Save/ }).click();
      expect(await messageNextTo(target)).toContain("must be positive");
      await page
        .getByTestId("error-summary")
        .getByRole("link", { name: /^slaRules\[\d+\]\.targetMinutes$/ })
        .click();
      expect(await page.locator(":focus").getAttribute("id")).toBe(await target.getAttribute("id"));
      await shot("definitions-sla-rule-validation");

      // A week around the clock instead of an hour of business time: only MQLs never touched in a week stay late.
      await target.fill(String(7 * 24 * 60));
      await rule.getByLabel("Business calendar").selectOption("default");
      await rule.getByLabel("Escalate after (business minutes past the deadline)").fill("");
      await rule.getByRole("group", { name: "Escalation channels" }).getByLabel("In the app (Alerts page)").uncheck();
      await rule.getByRole("group", { name: "Service lines" }).getByLabel("Unassigned").check();
      await rule.getByRole("group", { name: "Service lines" }).getByLabel("Unassigned").uncheck();
      await saveDefinitions("First touch within a week, around the clock");
      const diff = await page.getByTestId("diff").textContent();
      for (const path of ["targetMinutes", "calendarKey", "escalateAfterMinutes", "escalationChannels"])
        expect(diff).toContain(`slaRules[0].${path}`);

      await eventually(async () => (await rowOf()).responseTime.breached).toBeLessThan(before.responseTime.breached);
      await reviewShows(
        (p) => p.getByTestId("kpi-response-breached"),
        (row) => formatCount(row.responseTime.breached),
      );
    },
    slow,
  );

  it(
    "edits a business calendar: a bad closing time is named next to it; shorter hours shrink the response times",
    async () => {
      const review = await reviewOf();
      const before = review.rows.find((r: Json) => r.serviceLine === "all");
      expect(before.responseTime.p90BusinessMinutes).toBeGreaterThan(60);
      await page.goto(`${demo.baseUrl}/definitions`);
      // The first-touch rule counts on the default calendar since the test above.
      const calendar = page.locator('[data-testid="calendar"][data-calendar-key="default"]');
      const mondayCloses = calendar.getByLabel("Monday closes (default)");
      await mondayCloses.fill("25:00");
      await page.getByRole("button", { name: /^Save/ }).click();
      expect(await messageNextTo(mondayCloses)).toContain('bad time "25:00"; expected HH:MM');
      await shot("definitions-calendar-validation");

      // Open one hour a day, closed on the review week's Monday.
      const hours = calendar.getByTestId("open-hours");
      for (let i = 0; i < (await hours.count()); i++) {
        await hours.nth(i).locator("input").nth(0).fill("09:00");
        await hours.nth(i).locator("input").nth(1).fill("10:00");
      }
      await calendar.getByRole("button", { name: "Add a holiday to default" }).click();
      await calendar.getByLabel("Holiday 1 of default").fill(String(review.start).slice(0, 10));
      await saveDefinitions("Support answers 9 to 10 only");
      expect(await page.getByTestId("diff").textContent()).toContain("calendars[0].weeklyHours");

      await eventually(async () => (await rowOf()).responseTime.p90BusinessMinutes).toBeLessThan(
        before.responseTime.p90BusinessMinutes,
      );
      await reviewShows(
        (p) => p.getByTestId("kpi-response"),
        (row) => `business ${formatMinutes(row.responseTime.p90BusinessMinutes)}`,
      );
      await shot("weekly-review-after-calendar-change");
    },
    slow,
  );

  it(
    "edits the service-line value map: a value mapped twice is named next to it; moving a value moves the numbers",
    async () => {
      const advisory = await rowOf("advisory");
      const implementation = await rowOf("implementation");
      expect(advisory.responseTime.mqls).toBeGreaterThan(0);
      await page.goto(`${demo.baseUrl}/definitions`);
      const values = page.getByTestId("service-line-map-entry");
      await values.first().waitFor();
      const typed = await values.evaluateAll((rows) => rows.map((row) => row.querySelector("input")?.value));
      expect(typed).toEqual(expect.arrayContaining(["Advisory", "Implementation"]));
      // The later of two equal values is the one named: give Salesforce's "Implementation" the value "Advisory".
      const implementationValue = values.nth(typed.indexOf("Implementation")).getByRole("textbox");
      await implementationValue.fill("Advisory");
      await page.getByRole("button", { name: /^Save/ }).click();
      expect(await messageNextTo(implementationValue)).toContain('"Advisory" is mapped twice for salesforce');
      await shot("definitions-value-map-validation");

      // Put it back, and count Salesforce's "Advisory" as Implementation.
      await implementationValue.fill("Implementation");
      await values
        .nth(typed.indexOf("Advisory"))
        .getByRole("combobox", { name: /Service line for salesforce value/ })
        .selectOption("implementation");
      await saveDefinitions("Salesforce Advisory is sold as Implementation");
      await shot("definitions");

      await eventually(async () => (await rowOf("advisory")).responseTime.mqls).toBeLessThan(
        advisory.responseTime.mqls,
      );
      await eventually(async () => (await rowOf("implementation")).responseTime.mqls).toBeGreaterThan(
        implementation.responseTime.mqls,
      );
      await reviewShows(
        (p) => p.getByTestId("service-line-table").locator('tr[data-service-line="implementation"] td').first(),
        (row) => formatCount(row.responseTime.mqls),
        "implementation",
      );
    },
    slow,
  );

  it(
    "shows the API's message next to the CRM property holding the service line",
    async () => {
      await page.goto(`${demo.baseUrl}/definitions`);
      const field = page.getByTestId("line-property-field").filter({ hasText: "Salesforce field" });
      const input = field.getByRole("textbox");
      expect(await input.inputValue()).toBe("Service_Line__c");
      await input.fill("");
      await input.press("Enter");
      expect(await messageNextTo(input)).toContain("serviceLineField");
      await input.press("Escape");
    },
    slow,
  );

  it(
    "changes an action item's title and owner in place, and the change is carried into the next week",
    async () => {
      const title = `Chase the stalled proposals (${Date.now()})`;
      await page.goto(`${demo.baseUrl}/meeting?week=${week}`);
      await page.getByLabel("What").fill(title);
      await page.getByLabel("Owner", { exact: true }).fill("Sam Rivera");
      await page.getByRole("button", { name: "Add", exact: true }).click();
      const withTitle = (text: string) =>
        page.getByTestId("action-item").filter({ has: page.locator(`input[value="${text}"]`) });
      const item = withTitle(title);
      await item.waitFor();

      // The API refuses an owner over 200 characters; its message shows under the owner.
      const owner = item.getByLabel(`Owner of “${title}”`);
      await owner.fill("x".repeat(201));
      await owner.press("Enter");
      expect(await messageNextTo(owner)).toMatch(/200/);
      await owner.fill("Alex Kim");
      await owner.press("Tab");
      const newTitle = `${title} and call each owner`;
      // By id: the row's title (and so its label) changes as it is typed.
      const what = page.locator(`[id="${await item.getByLabel(`Action of “${title}”`).getAttribute("id")}"]`);
      await what.fill(newTitle);
      await what.press("Enter");
      const renamed = withTitle(newTitle);
      await renamed.waitFor();
      await shot("review-meeting-edit-in-place");

      await page.reload();
      await renamed.waitFor();
      expect(await renamed.getByLabel(`Owner of “${newTitle}”`).inputValue()).toBe("Alex Kim");
      await page.getByTestId("week-next").click();
      await eventually(() => new URL(page.url()).searchParams.get("week")).toBe(shiftWeek(week, 1));
      const carried = withTitle(newTitle);
      await carried.waitFor();
      expect(await carried.getByLabel(`Owner of “${newTitle}”`).inputValue()).toBe("Alex Kim");
      expect(await carried.getByTestId("carried-over").textContent()).toContain(`Carried from ${week}`);
    },
    slow,
  );
});
