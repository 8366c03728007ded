import { describe, expect, it } from "vitest";
import { fromLocal, isValidTimeZone, localDateOf, offsetAt, parseDate, toLocal } from "./zone.ts";

describe("zone helpers", () => {
  it("round-trips local time in New York and Paris", () => {
    const instant = fromLocal({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, "America/New_York");
    expect(instant.toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(toLocal(instant, "America/New_York")).toMatchObject({ hour: 9, minute: 0, day: 1 });
    expect(offsetAt(Date.parse("2026-01-15T12:00:00Z"), "Europe/Paris")).toBe(3_600_000);
  });

  it("moves a time in a spring-forward gap forward by the gap (02:30 -> 03:30)", () => {
    const instant = fromLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Paris");
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("takes the earlier instant of a repeated time (01:30 on fall-back day in New York)", () => {
    const instant = fromLocal({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York");
    expect(instant.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("validates zones and dates", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(parseDate("2026-02-29")).toBeNull();
    expect(localDateOf(new Date("2026-11-22T23:30:00Z"), "Europe/Paris")).toBe("2026-11-23");
  });
});
