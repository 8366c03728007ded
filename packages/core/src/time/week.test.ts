import { describe, expect, it } from "vitest";
import {
  isoWeeksInYear,
  lastCompleteWeek,
  parseIsoWeek,
  previousWeek,
  tryParseIsoWeek,
  weekBounds,
  weekOf,
  weeksBack,
} from "./week.ts";

describe("ISO weeks", () => {
  it("knows 2026 has 53 weeks (1 Jan 2026 is a Thursday) and 2025 has 52", () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(parseIsoWeek("2026-W53")).toEqual({ year: 2026, week: 53 });
  });

  it("rejects W54, W00, W53 of a 52-week year and malformed text", () => {
    expect(() => parseIsoWeek("2026-W54")).toThrow(RangeError);
    expect(() => parseIsoWeek("2026-W00")).toThrow(RangeError);
    expect(() => parseIsoWeek("2025-W53")).toThrow(/weeks 01 to 52/);
    expect(tryParseIsoWeek("2026-47")).toBeNull();
  });

  it("bounds 2026-W47 as Monday 16 Nov to Monday 23 Nov, UTC", () => {
    const { start, end } = weekBounds("2026-W47", "UTC");
    expect(start.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("is DST-aware: the Paris week of the October change lasts 7 days and 1 hour", () => {
    const { start, end } = weekBounds("2026-W43", "Europe/Paris");
    expect(start.toISOString()).toBe("2026-10-18T22:00:00.000Z");
    expect(end.toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("places an instant in the week of its local date", () => {
    // Sunday 23:30 UTC is already Monday in Paris.
    expect(weekOf(new Date("2026-11-22T23:30:00Z"), "UTC")).toBe("2026-W47");
    expect(weekOf(new Date("2026-11-22T23:30:00Z"), "Europe/Paris")).toBe("2026-W48");
    expect(weekOf(new Date("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(weekOf(new Date("2024-12-30T12:00:00Z"), "UTC")).toBe("2025-W01");
  });

  it("steps back across year ends", () => {
    expect(previousWeek("2027-W01")).toBe("2026-W53");
    expect(previousWeek("2026-W01")).toBe("2025-W52");
    expect(weeksBack("2026-W02", 3)).toEqual(["2025-W52", "2026-W01", "2026-W02"]);
    expect(weeksBack("2026-W47", 12)).toHaveLength(12);
  });

  it("gives the last complete week at now", () => {
    expect(lastCompleteWeek(new Date("2026-11-24T18:00:00Z"), "UTC")).toBe("2026-W47");
    expect(lastCompleteWeek(new Date("2026-11-23T00:00:00Z"), "UTC")).toBe("2026-W47");
  });
});
