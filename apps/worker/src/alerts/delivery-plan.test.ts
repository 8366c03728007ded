import { defaultDefinitions } from "@revops/core";
import { describe, expect, it } from "vitest";
import { nextOpenAt } from "./delivery-plan.ts";

const defs = { ...defaultDefinitions(), timezone: "Europe/Paris" };
defs.calendars = defs.calendars.map((c) => ({ ...c, timezone: "Europe/Paris", holidays: ["2026-12-25"] }));
const rule = defs.slaRules[0];

describe("nextOpenAt (quiet hours)", () => {
  it("is now inside business hours and the next opening outside them", () => {
    if (!rule) throw new Error("no default rule");
    const open = new Date("2026-11-24T10:00:00Z");
    expect(nextOpenAt(defs, rule, open)).toEqual(open);
    // Friday 18:00 Paris -> Monday 09:00 Paris (08:00Z).
    expect(nextOpenAt(defs, rule, new Date("2026-11-27T17:00:00Z"))).toEqual(new Date("2026-11-30T08:00:00Z"));
    // Christmas Eve evening -> the 25th is a holiday -> Saturday/Sunday closed -> Monday 28th 09:00.
    expect(nextOpenAt(defs, rule, new Date("2026-12-24T18:00:00Z"))).toEqual(new Date("2026-12-28T08:00:00Z"));
  });
});
