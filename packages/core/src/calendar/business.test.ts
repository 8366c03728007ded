import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "../definitions/types.ts";
import { addBusinessMinutes, businessMinutesBetween } from "./business.ts";

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open, close }));
const office = (timezone: string, holidays: string[] = []): BusinessCalendar => ({
  key: "office",
  timezone,
  weeklyHours: weekdays("09:00", "17:00"),
  holidays,
});
const everyDay = (timezone: string, open: string, close: string): BusinessCalendar => ({
  key: "every-day",
  timezone,
  weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close })),
  holidays: [],
});
const d = (iso: string) => new Date(iso);

describe("businessMinutesBetween", () => {
  it("counts open time inside [t1, t2) only", () => {
    const cal = office("UTC");
    // Fri 16:50 -> Mon 09:50 = 10 + 50 minutes.
    expect(businessMinutesBetween(cal, d("2026-11-20T16:50:00Z"), d("2026-11-23T09:50:00Z"))).toBe(60);
    expect(businessMinutesBetween(cal, d("2026-11-21T10:00:00Z"), d("2026-11-22T10:00:00Z"))).toBe(0);
    expect(businessMinutesBetween(cal, d("2026-11-23T10:00:00Z"), d("2026-11-23T09:00:00Z"))).toBe(0);
    expect(businessMinutesBetween(cal, d("2026-11-16T00:00:00Z"), d("2026-11-23T00:00:00Z"))).toBe(5 * 480);
  });

  it("honours the calendar zone (09:00 Paris is 08:00 UTC in winter)", () => {
    const cal = office("Europe/Paris");
    expect(businessMinutesBetween(cal, d("2026-11-23T07:00:00Z"), d("2026-11-23T09:00:00Z"))).toBe(60);
  });

  it("skips holidays (a local date)", () => {
    const cal = office("UTC", ["2026-11-23"]);
    expect(businessMinutesBetween(cal, d("2026-11-20T16:50:00Z"), d("2026-11-24T09:50:00Z"))).toBe(60);
  });

  it("keeps a 09:00-17:00 day at 8 hours on the day clocks change", () => {
    const paris = everyDay("Europe/Paris", "09:00", "17:00");
    expect(businessMinutesBetween(paris, d("2026-03-29T00:00:00Z"), d("2026-03-30T00:00:00Z"))).toBe(480);
    const ny = everyDay("America/New_York", "09:00", "17:00");
    expect(businessMinutesBetween(ny, d("2026-11-01T00:00:00Z"), d("2026-11-02T04:00:00Z"))).toBe(480);
  });

  it("counts real elapsed time when the change falls inside open hours", () => {
    // 00:00-12:00 local: 11 hours on spring-forward day, 13 on fall-back day.
    const ny = everyDay("America/New_York", "00:00", "12:00");
    expect(businessMinutesBetween(ny, d("2026-03-08T05:00:00Z"), d("2026-03-09T04:00:00Z"))).toBe(11 * 60);
    const paris = everyDay("Europe/Paris", "00:00", "12:00");
    expect(businessMinutesBetween(paris, d("2026-10-24T22:00:00Z"), d("2026-10-25T23:00:00Z"))).toBe(13 * 60);
  });

  it("treats a 24x7 calendar as the wall clock, including a 23-hour local day", () => {
    const cal = everyDay("Europe/Paris", "00:00", "24:00");
    expect(businessMinutesBetween(cal, d("2026-03-28T23:00:00Z"), d("2026-03-29T22:00:00Z"))).toBe(23 * 60);
  });
});

describe("addBusinessMinutes", () => {
  it("Friday 16:50 + 60 business minutes = Monday 09:50", () => {
    expect(addBusinessMinutes(office("UTC"), d("2026-11-20T16:50:00Z"), 60).toISOString()).toBe(
      "2026-11-23T09:50:00.000Z",
    );
  });

  it("starts at opening when started outside hours and skips a holiday Monday", () => {
    const cal = office("UTC", ["2026-11-23"]);
    expect(addBusinessMinutes(cal, d("2026-11-21T12:00:00Z"), 30).toISOString()).toBe("2026-11-24T09:30:00.000Z");
  });

  it("ends exactly at closing rather than the next opening", () => {
    expect(addBusinessMinutes(office("UTC"), d("2026-11-23T16:00:00Z"), 60).toISOString()).toBe(
      "2026-11-23T17:00:00.000Z",
    );
    expect(addBusinessMinutes(office("UTC"), d("2026-11-23T16:00:00Z"), 0).toISOString()).toBe(
      "2026-11-23T16:00:00.000Z",
    );
  });

  it("is the inverse of businessMinutesBetween across a DST change (New York)", () => {
    const cal = office("America/New_York");
    const start = d("2026-03-06T20:00:00Z"); // Fri 15:00 EST
    const deadline = addBusinessMinutes(cal, start, 180);
    expect(deadline.toISOString()).toBe("2026-03-09T14:00:00.000Z"); // Mon 10:00 EDT
    expect(businessMinutesBetween(cal, start, deadline)).toBe(180);
  });

  it("is wall-clock on 24x7 and throws on a never-open calendar", () => {
    expect(addBusinessMinutes(everyDay("UTC", "00:00", "24:00"), d("2026-11-20T16:50:00Z"), 60).toISOString()).toBe(
      "2026-11-20T17:50:00.000Z",
    );
    const closed: BusinessCalendar = { key: "closed", timezone: "UTC", weeklyHours: [], holidays: [] };
    expect(() => addBusinessMinutes(closed, d("2026-11-20T16:50:00Z"), 1)).toThrow(/no open time/);
  });

  it("handles many calls without iterating minutes", () => {
    const cal = office("Europe/Paris");
    let t = d("2026-01-05T08:00:00Z");
    for (let i = 0; i < 20_000; i++) t = addBusinessMinutes(cal, t, 7);
    expect(businessMinutesBetween(cal, d("2026-01-05T08:00:00Z"), t)).toBe(140_000);
  });
});
