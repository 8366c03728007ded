import { describe, expect, it } from "vitest";
import type { MqlCycleFact } from "../cycles/mqlCycles.ts";
import { defaultDefinitions } from "../definitions/defaults.ts";
import type { SlaRule } from "../definitions/types.ts";
import type { Transition } from "../model.ts";
import { at, defined } from "../testing/fixtures.ts";
import type { SlaEntityFacts } from "./clocks.ts";
import { slaClocks } from "./clocks.ts";
import { clockAlertsDue, clockNextCheckAt, clockStateAt } from "./state.ts";

const defs = defaultDefinitions();
const rule = (key: string): SlaRule => defined(defs.slaRules.find((r) => r.key === key));
const t = (stage: Transition["stage"], iso: string): Transition => ({
  entityId: "L1",
  stage,
  at: at(iso),
  provenance: "history",
});

function cycle(start: string, touch: string | null, end: string | null = null): MqlCycleFact {
  return {
    index: 0,
    startAt: at(start),
    provenance: "history",
    endAt: end ? at(end) : null,
    firstTouchAt: touch ? at(touch) : null,
    firstTouchActivityId: touch ? "act" : null,
    acceptedAt: null,
    rejectedAt: null,
    reachedAt: { sal: null, sql: null, opportunity: null, closed_won: null },
  };
}

function lead(cycles: MqlCycleFact[], transitions: Transition[] = []): SlaEntityFacts {
  return {
    entityId: "L1",
    entityKind: "lead",
    serviceLine: "cloud",
    sourceCategory: "marketing",
    tier: null,
    transitions,
    cycles,
  };
}

describe("first_touch clocks", () => {
  it("puts deadline, at-risk and escalation on the business calendar", () => {
    const [clock] = slaClocks(rule("first-touch"), lead([cycle("2026-11-20T16:50:00Z", null)]), defs);
    expect(clock).toEqual({
      ruleKey: "first-touch",
      entityKind: "lead",
      entityId: "L1",
      cycleIndex: 0,
      startAt: at("2026-11-20T16:50:00Z"),
      deadlineAt: at("2026-11-23T09:50:00Z"), // Friday 16:50 + 60 business minutes
      atRiskAt: at("2026-11-23T09:35:00Z"), // 45 business minutes
      escalateAt: at("2026-11-23T10:50:00Z"), // 60 business minutes after the deadline
      stoppedAt: null,
    });
    const c = defined(clock);
    expect(clockStateAt(c, at("2026-11-21T12:00:00Z"))).toBe("running");
    expect(clockStateAt(c, at("2026-11-23T09:40:00Z"))).toBe("at_risk");
    expect(clockStateAt(c, at("2026-11-23T09:50:00Z"))).toBe("breached");
    expect(clockStateAt(c, at("2026-11-23T11:00:00Z"))).toBe("escalated");
    expect(clockNextCheckAt(c, at("2026-11-21T12:00:00Z"))).toEqual(at("2026-11-23T09:35:00Z"));
    expect(clockNextCheckAt(c, at("2026-11-23T09:35:00Z"))).toEqual(at("2026-11-23T09:50:00Z"));
    expect(clockNextCheckAt(c, at("2026-11-23T10:50:00Z"))).toBeNull();
    expect(clockNextCheckAt({ ...c, stoppedAt: at("2026-11-23T09:40:00Z") }, at("2026-11-21T12:00:00Z"))).toEqual(
      at("2026-11-23T09:35:00Z"),
    );
    expect(clockNextCheckAt({ ...c, stoppedAt: at("2026-11-23T09:40:00Z") }, at("2026-11-23T09:36:00Z"))).toBeNull();
    expect(clockAlertsDue(c, at("2026-11-23T11:00:00Z")).map((a) => a.key)).toEqual([
      "first-touch:L1:0:at_risk",
      "first-touch:L1:0:breached",
      "first-touch:L1:0:escalated",
    ]);
  });

  it("never breaches a clock that stopped before its deadline", () => {
    const atRisk = defined(
      slaClocks(rule("first-touch"), lead([cycle("2026-11-20T16:50:00Z", "2026-11-23T09:40:00Z")]), defs)[0],
    );
    expect(clockStateAt(atRisk, at("2026-11-30T00:00:00Z"))).toBe("stopped_at_risk");
    expect(clockAlertsDue(atRisk, at("2026-11-30T00:00:00Z")).map((a) => a.kind)).toEqual(["at_risk"]);
    const early = defined(
      slaClocks(rule("first-touch"), lead([cycle("2026-11-20T16:50:00Z", "2026-11-20T16:55:00Z")]), defs)[0],
    );
    expect(clockStateAt(early, at("2026-11-30T00:00:00Z"))).toBe("met");
    expect(clockAlertsDue(early, at("2026-11-30T00:00:00Z"))).toEqual([]);
    // Before the stop is known (T earlier than the touch) the clock was running.
    expect(clockStateAt(atRisk, at("2026-11-23T09:36:00Z"))).toBe("at_risk");
  });

  it("stays breached when stopped late, and stops at the next handoff", () => {
    const late = defined(
      slaClocks(rule("first-touch"), lead([cycle("2026-11-20T16:50:00Z", "2026-11-23T10:00:00Z")]), defs)[0],
    );
    expect(clockStateAt(late, at("2026-11-30T00:00:00Z"))).toBe("breached");
    expect(clockAlertsDue(late, at("2026-11-30T00:00:00Z")).map((a) => a.kind)).toEqual(["at_risk", "breached"]);
    const superseded = defined(
      slaClocks(rule("first-touch"), lead([cycle("2026-11-23T09:00:00Z", null, "2026-11-23T09:10:00Z")]), defs)[0],
    );
    expect(superseded.stoppedAt).toEqual(at("2026-11-23T09:10:00Z"));
  });

  it("skips entities outside the rule's filters", () => {
    const narrow = { ...rule("first-touch"), filters: { serviceLines: ["data"] } };
    expect(slaClocks(narrow, lead([cycle("2026-11-20T16:50:00Z", null)]), defs)).toEqual([]);
  });
});

describe("acceptance, stage_to_stage and stage_max_age clocks", () => {
  it("starts one acceptance clock per MQL entry, stopped by reaching sal (or later) or recycled", () => {
    const transitions = [
      t("mql", "2026-11-16T09:00:00Z"),
      t("recycled", "2026-11-17T09:00:00Z"),
      t("mql", "2026-11-18T09:00:00Z"),
      t("sql", "2026-11-23T09:00:00Z"),
    ];
    const clocks = slaClocks(rule("acceptance"), lead([], transitions), defs);
    expect(clocks.map((c) => [c.cycleIndex, c.stoppedAt?.toISOString(), c.deadlineAt.toISOString()])).toEqual([
      [0, "2026-11-17T09:00:00.000Z", "2026-11-17T17:00:00.000Z"],
      [1, "2026-11-23T09:00:00.000Z", "2026-11-19T17:00:00.000Z"],
    ]);
    expect(clockStateAt(defined(clocks[0]), at("2026-11-30T00:00:00Z"))).toBe("met");
    expect(clockStateAt(defined(clocks[1]), at("2026-11-30T00:00:00Z"))).toBe("breached");
  });

  it("runs stage_to_stage on leads and stage_max_age for deal stages on deals only", () => {
    const sqlToOpp: SlaRule = {
      ...rule("acceptance"),
      key: "sql-opp",
      kind: "stage_to_stage",
      startStage: "sql",
      stopStages: ["opportunity"],
    };
    const transitions = [t("sql", "2026-11-16T09:00:00Z"), { ...t("opportunity", "2026-11-16T13:00:00Z"), via: "D1" }];
    expect(slaClocks(sqlToOpp, lead([], transitions), defs).map((c) => c.stoppedAt)).toEqual([
      at("2026-11-16T13:00:00Z"),
    ]);

    const maxAge = rule("max-age-opportunity");
    expect(slaClocks(maxAge, lead([], transitions), defs)).toEqual([]);
    const deal: SlaEntityFacts = {
      ...lead([], [{ ...t("opportunity", "2026-11-02T09:00:00Z"), entityId: "D1" }]),
      entityId: "D1",
      entityKind: "deal",
    };
    const [clock] = slaClocks(maxAge, deal, defs);
    // 10 business days from Monday 09:00: the earliest such instant is closing time on the second Friday.
    expect(clock?.deadlineAt).toEqual(at("2026-11-13T17:00:00Z"));
    expect(clockStateAt(defined(clock), at("2026-11-13T16:59:00Z"))).toBe("at_risk");
    expect(clockStateAt(defined(clock), at("2026-11-13T17:00:00Z"))).toBe("breached");
  });
});
