import { describe, expect, it } from "vitest";
import { changedSections, type Definitions, fieldErrors, fieldId, getAt, listErrors, pathText, setAt } from "./draft";

describe("the definitions draft", () => {
  it("replaces one leaf without touching the original", () => {
    const before = { targets: [{ serviceLine: "all", fiscalQuarter: "FY2026-Q4", amount: 100 }] };
    const after = setAt(before, ["targets", 0, "amount"], 250);
    expect(after.targets[0]?.amount).toBe(250);
    expect(before.targets[0]?.amount).toBe(100);
    expect(pathText(["targets", 0, "amount"])).toBe("targets[0].amount");
  });

  it("puts each API message next to the field it names", () => {
    const { byField, general } = fieldErrors(
      'The definitions are not valid: two rules share a key; targets[0].amount: must be at least 0; slaRules[2].startStage: unknown stage "mqll"; expected one of lead, mql',
    );
    expect(byField.get("targets[0].amount")).toBe("must be at least 0");
    expect(byField.get("slaRules[2].startStage")).toBe('unknown stage "mqll"; expected one of lead, mql');
    expect(general).toEqual(["two rules share a key"]);
  });

  it("sends only the sections that changed", () => {
    const base = { timezone: "UTC", targets: [], serviceLines: [{ key: "a", label: "A" }] } as unknown as Definitions;
    const edited = setAt(base, ["serviceLines", 0, "label"], "Alpha");
    expect(changedSections(base, edited)).toEqual({ serviceLines: [{ key: "a", label: "Alpha" }] });
  });

  it("keeps two messages about one field, and gives each field a stable DOM id", () => {
    const { byField } = fieldErrors(
      'The definitions are not valid: calendars[0].weeklyHours[1].close: bad time "25:00"; expected HH:MM; calendars[0].weeklyHours[1].close: must be after open (09:00)',
    );
    expect(byField.get("calendars[0].weeklyHours[1].close")).toBe(
      'bad time "25:00"; expected HH:MM; must be after open (09:00)',
    );
    expect(fieldId("calendars[0].weeklyHours[1].close")).toBe(fieldId(["calendars", 0, "weeklyHours", 1, "close"]));
    expect(fieldId(["slaRules", 2, "filters", "serviceLines"])).toBe("def-slaRules-2-filters-serviceLines");
  });

  it("gathers the messages about a list and its items, not about the items' own fields", () => {
    const errors = new Map([
      ["calendars[0].weeklyHours", "calendar has no open hours"],
      ["calendars[0].weeklyHours[1]", "overlaps calendars[0].weeklyHours[0]"],
      ["calendars[0].weeklyHours[1].close", "must be after open (09:00)"],
      ["calendars[1].weeklyHours", "calendar has no open hours"],
    ]);
    expect(listErrors(errors, ["calendars", 0, "weeklyHours"])).toBe(
      "calendar has no open hours; item 2: overlaps calendars[0].weeklyHours[0]",
    );
    expect(listErrors(errors, ["calendars", 2, "weeklyHours"])).toBeUndefined();
    expect(getAt({ slaRules: [{ filters: {} }] }, ["slaRules", 0, "filters", "tiers"])).toBeUndefined();
  });
});
