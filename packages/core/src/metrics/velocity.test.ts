import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import { at } from "../testing/fixtures.ts";
import type { SpanFactRow } from "./facts.ts";
import { velocityOf } from "./velocity.ts";
import { reviewWindow } from "./window.ts";

function span(
  entityId: string,
  entered: string,
  left: string | null,
  entityKind: "lead" | "deal" = "deal",
): SpanFactRow {
  return {
    entityId,
    entityKind,
    spanIndex: 0,
    stage: "opportunity",
    enteredAt: at(entered),
    provenance: "history",
    leftAt: left ? at(left) : null,
    serviceLine: "cloud",
    sourceCategory: "marketing",
    tier: null,
  };
}

describe("stage velocity", () => {
  const defs = defaultDefinitions();
  const spans = [
    span("s1", "2026-11-10T00:00:00Z", "2026-11-17T12:00:00Z"), // 7.5 days
    span("s2", "2026-11-16T00:00:00Z", "2026-11-18T00:00:00Z"), // 2 days
    span("s3", "2026-11-01T00:00:00Z", "2026-11-22T00:00:00Z"), // 21 days
    span("s4", "2026-11-20T00:00:00Z", "2026-11-24T00:00:00Z"), // leaves after W: open at end of W, 1 business day old
    span("s5", "2026-10-01T00:00:00Z", null), // open, far past 10 business days
    span("lead", "2026-11-16T00:00:00Z", "2026-11-17T00:00:00Z", "lead"), // a lead carried into opportunity: not counted
  ];
  const rows = velocityOf(spans, defs, reviewWindow(defs, "2026-W47", at("2026-11-25T12:00:00Z")));

  it("measures exits in W in days, nearest rank, and open/stalled at the end of W", () => {
    expect(rows.find((r) => r.stage === "opportunity")).toEqual({
      stage: "opportunity",
      exits: 3,
      medianDays: 7.5,
      p75Days: 21,
      p90Days: 21,
      meanDays: 30.5 / 3,
      openCount: 2,
      stalled: 1,
    });
  });

  it("gives null figures for an empty stage and null stalled without a max-age rule", () => {
    expect(rows.find((r) => r.stage === "mql")).toEqual({
      stage: "mql",
      exits: 0,
      medianDays: null,
      p75Days: null,
      p90Days: null,
      meanDays: null,
      openCount: 0,
      stalled: null,
    });
    expect(rows.map((r) => r.stage)).not.toContain("closed_won");
  });
});
