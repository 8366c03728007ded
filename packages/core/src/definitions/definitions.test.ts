import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "./defaults.ts";
import { diffDefinitions } from "./diff.ts";
import type { Definitions } from "./types.ts";
import { validateDefinitions } from "./validate.ts";

describe("defaultDefinitions", () => {
  it("is valid and carries the spec defaults", () => {
    const defs = defaultDefinitions();
    expect(validateDefinitions(defs)).toEqual([]);
    expect(defs.timezone).toBe("UTC");
    expect(defs.fiscalYearStartMonth).toBe(1);
    expect(defs.slaRules.filter((r) => r.kind === "stage_max_age").map((r) => r.startStage)).toEqual([
      "opportunity",
      "proposal",
      "negotiation",
    ]);
  });
});

describe("validateDefinitions", () => {
  it("names the field path of every problem", () => {
    const defs: Definitions = defaultDefinitions();
    const [first] = defs.stageMapping;
    if (!first) throw new Error("fixture");
    defs.timezone = "Europe/Pariss";
    defs.stageMapping.push({ ...first });
    defs.calendars.push({
      key: "shut",
      timezone: "UTC",
      weeklyHours: [{ weekday: 1, open: "9:00", close: "17:00" }],
      holidays: ["2026-13-01"],
    });
    defs.slaRules[2] = {
      ...(defs.slaRules[2] as Definitions["slaRules"][number]),
      startStage: "mqll" as never,
      calendarKey: "nope",
    };
    defs.targets.push({ serviceLine: "all", fiscalQuarter: "2026Q4", amount: -1 });
    const issues = validateDefinitions(defs);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "timezone",
        `stageMapping[${defs.stageMapping.length - 1}].value`,
        "calendars[2].weeklyHours[0].open",
        "calendars[2].weeklyHours",
        "calendars[2].holidays[0]",
        "slaRules[2].startStage",
        "slaRules[2].calendarKey",
        "targets[0].fiscalQuarter",
        "targets[0].amount",
      ]),
    );
    expect(issues.find((i) => i.path === "slaRules[2].startStage")?.message).toBe(
      'slaRules[2].startStage: unknown stage "mqll"; expected one of lead, mql, sal, sql, recycled, opportunity, proposal, negotiation, closed_won, closed_lost',
    );
  });

  it("flags overlapping opening hours and unknown service lines", () => {
    const defs = defaultDefinitions();
    defs.calendars.push({
      key: "x",
      timezone: "UTC",
      weeklyHours: [
        { weekday: 1, open: "09:00", close: "12:00" },
        { weekday: 1, open: "11:00", close: "13:00" },
      ],
      holidays: [],
    });
    defs.serviceLineMap.push({ crm: "hubspot", value: "Cloud", serviceLine: "cloud" });
    const paths = validateDefinitions(defs).map((i) => i.path);
    expect(paths).toContain("calendars[2].weeklyHours[1]");
    expect(paths).toContain("serviceLineMap[0].serviceLine");
  });
});

describe("diffDefinitions", () => {
  it("lists leaf changes with their paths", () => {
    const before = defaultDefinitions();
    const after = defaultDefinitions();
    (after.slaRules[0] as Definitions["slaRules"][number]).targetMinutes = 30;
    after.timezone = "Europe/Paris";
    after.targets.push({ serviceLine: "all", fiscalQuarter: "FY2026-Q4", amount: 100 });
    expect(diffDefinitions(before, after)).toEqual([
      { path: "timezone", before: "UTC", after: "Europe/Paris" },
      { path: "slaRules[0].targetMinutes", before: 60, after: 30 },
      { path: "targets[0]", before: undefined, after: { serviceLine: "all", fiscalQuarter: "FY2026-Q4", amount: 100 } },
    ]);
  });
});
