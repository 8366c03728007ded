import { describe, expect, it } from "vitest";
import { fiscalQuarterOf } from "./fiscal.ts";

describe("fiscalQuarterOf", () => {
  it("uses calendar quarters when the fiscal year starts in January", () => {
    const q = fiscalQuarterOf(new Date("2026-11-20T12:00:00Z"), "UTC", 1);
    expect(q.key).toBe("FY2026-Q4");
    expect(q.start.toISOString()).toBe("2026-10-01T00:00:00.000Z");
    expect(q.end.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect([q.startDate, q.endDate]).toEqual(["2026-10-01", "2027-01-01"]);
  });

  it("names the fiscal year after the year it ends in (February start)", () => {
    const q = fiscalQuarterOf(new Date("2026-11-20T12:00:00Z"), "UTC", 2);
    expect(q.key).toBe("FY2027-Q4");
    expect([q.startDate, q.endDate]).toEqual(["2026-11-01", "2027-02-01"]);
    expect(fiscalQuarterOf(new Date("2026-01-20T12:00:00Z"), "UTC", 2).key).toBe("FY2026-Q4");
    expect(fiscalQuarterOf(new Date("2026-02-01T12:00:00Z"), "UTC", 2).key).toBe("FY2027-Q1");
  });

  it("uses the workspace zone for the date", () => {
    const q = fiscalQuarterOf(new Date("2026-12-31T23:30:00Z"), "Europe/Paris", 1);
    expect(q.key).toBe("FY2027-Q1");
    expect(q.start.toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });
});
