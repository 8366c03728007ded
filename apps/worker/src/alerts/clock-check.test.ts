import type { SlaClock } from "@revops/core";
import { describe, expect, it } from "vitest";
import { checkClock, firstCheckAt } from "./clock-check.ts";

const at = (iso: string) => new Date(iso);
const clock = (stoppedAt: string | null = null): SlaClock => ({
  ruleKey: "first-touch",
  entityId: "L1",
  entityKind: "lead",
  cycleIndex: 0,
  startAt: at("2026-11-23T09:00:00Z"),
  atRiskAt: at("2026-11-23T09:45:00Z"),
  deadlineAt: at("2026-11-23T10:00:00Z"),
  escalateAt: at("2026-11-23T11:00:00Z"),
  stoppedAt: stoppedAt ? at(stoppedAt) : null,
});

describe("checkClock", () => {
  it("names the alerts earned so far and the next threshold to look at", () => {
    expect(checkClock(clock(), at("2026-11-23T09:30:00Z"))).toEqual({
      state: "running",
      due: [],
      nextCheckAt: at("2026-11-23T09:45:00Z"),
    });
    const late = checkClock(clock(), at("2026-11-23T10:05:00Z"));
    expect(late.due.map((d) => d.kind)).toEqual(["at_risk", "breached"]);
    expect(late.nextCheckAt).toEqual(at("2026-11-23T11:00:00Z"));
    expect(checkClock(clock(), at("2026-11-23T12:00:00Z")).nextCheckAt).toBeNull();
  });

  it("never schedules a threshold a stopped clock did not run past", () => {
    const stopped = clock("2026-11-23T09:50:00Z");
    expect(firstCheckAt(stopped)).toEqual(at("2026-11-23T09:45:00Z"));
    const result = checkClock(stopped, at("2026-11-23T09:46:00Z"));
    expect(result.due.map((d) => d.kind)).toEqual(["at_risk"]);
    expect(result.nextCheckAt).toBeNull();
    expect(firstCheckAt(clock("2026-11-23T09:10:00Z"))).toBeNull();
  });
});
