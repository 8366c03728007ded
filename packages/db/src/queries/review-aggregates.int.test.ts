import { randomUUID } from "node:crypto";
import { defaultDefinitions, mean, percentileDisc, reviewWindow } from "@revops/core";
import { seededRandom } from "@revops/crm-sandbox/prng";
import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../client.ts";
import { createTestDatabase } from "../testing/index.ts";
import { replaceFacts, type StoredCycleFact, type StoredSpanFact } from "./facts.ts";
import { cycleAggregates, exitAggregates } from "./review-aggregates.ts";
import { ensureWorkspace } from "./workspaces.ts";

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
});

const defs = defaultDefinitions();
const BASE = Date.parse("2026-03-02T00:00:00Z");
const MINUTE = 60_000;
const LINES = ["cloud", "data"];

it("gives core's percentiles and means of response times and times in stage, computed in SQL", async () => {
  database = await createTestDatabase();
  const db = database.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  const { next, pick } = seededRandom(11);
  // Durations on a coarse grid (ties) and a fine one (sums that depend on the order of the additions).
  const duration = () => ((next() < 0.5 ? Math.floor(next() * 20) * 60 : Math.floor(next() * 100_000)) * MINUTE) / 7;
  const spans: StoredSpanFact[] = Array.from({ length: 600 }, (_, i) => {
    const enteredAt = new Date(BASE + Math.floor(next() * 21 * 1440) * MINUTE);
    return {
      entityId: randomUUID(),
      entityKind: "lead",
      spanIndex: i,
      stage: pick(["mql", "sal"] as const),
      enteredAt,
      leftAt: next() < 0.1 ? null : new Date(enteredAt.getTime() + Math.round(duration())),
      provenance: "history",
      serviceLine: pick(LINES),
      sourceCategory: "marketing",
      tier: null,
      stallRuleKey: null,
      stallDeadlineAt: null,
      ownerCrmId: null,
    };
  });
  const cycles: StoredCycleFact[] = Array.from({ length: 400 }, () => {
    const startAt = new Date(BASE + Math.floor(next() * 21 * 1440) * MINUTE);
    const touched = next() < 0.8;
    const minutes = Math.round(duration() / MINUTE);
    return {
      leadId: randomUUID(),
      index: 0,
      startAt,
      provenance: "history",
      endAt: null,
      firstTouchAt: touched ? new Date(startAt.getTime() + minutes * MINUTE) : null,
      firstTouchActivityId: null,
      acceptedAt: null,
      rejectedAt: null,
      reachedAt: { sal: null, sql: null, opportunity: null, closed_won: null },
      serviceLine: pick(LINES),
      sourceCategory: "marketing",
      tier: null,
      responseMinutes: touched ? minutes : null,
      responseBusinessMinutes: touched ? minutes / 3 : null,
      slaRuleKey: null,
      slaTargetMinutes: null,
      slaDeadlineAt: null,
      ownerCrmId: null,
    };
  });
  await replaceFacts(db, {
    workspaceId: "acme",
    leadIds: [...cycles.map((c) => c.leadId), ...spans.map((s) => s.entityId)],
    dealIds: [],
    definitionsVersion: 1,
    timeZone: defs.timezone,
    cycles,
    spans,
    deals: [],
  });
  const asOf = new Date(BASE + 16 * 1440 * MINUTE + 7 * MINUTE);
  const weeks = ["2026-W10", "2026-W11", "2026-W12"].map((week) => reviewWindow(defs, week, asOf));
  const exits = await exitAggregates(db, { workspaceId: "acme", weeks, asOf });
  const responses = await cycleAggregates(db, { workspaceId: "acme", weeks, asOf });
  const inWeek = (at: Date | null, w: (typeof weeks)[number]) =>
    at !== null && at >= w.start && at < w.end && at <= asOf;
  let compared = 0;
  for (const w of weeks) {
    for (const line of ["all", ...LINES]) {
      const ofLine = <T extends { serviceLine: string }>(rows: T[]) =>
        rows.filter((r) => line === "all" || r.serviceLine === line);
      for (const stage of ["mql", "sal"]) {
        const days = ofLine(spans)
          .filter((s) => s.stage === stage && inWeek(s.leftAt, w))
          .map((s) => ((s.leftAt as Date).getTime() - s.enteredAt.getTime()) / 86_400_000);
        const found = exits.find((e) => e.week === w.week && e.serviceLine === line && e.stage === stage);
        expect(found ?? { exits: 0 }, `${w.week} ${line} ${stage}`).toMatchObject({
          exits: days.length,
          ...(days.length > 0 && {
            medianDays: percentileDisc(days, 0.5),
            p75Days: percentileDisc(days, 0.75),
            p90Days: percentileDisc(days, 0.9),
            meanDays: mean(days),
          }),
        });
        compared += days.length;
      }
      const started = ofLine(cycles).filter((c) => inWeek(c.startAt, w));
      const responded = started.filter((c) => c.firstTouchAt !== null && c.firstTouchAt <= asOf);
      const wall = responded.map((c) => c.responseMinutes as number);
      const business = responded.map((c) => c.responseBusinessMinutes as number);
      const found = responses.find((r) => r.week === w.week && r.serviceLine === line);
      expect(found ?? { mqls: 0 }, `${w.week} ${line}`).toMatchObject({
        mqls: started.length,
        ...(started.length > 0 && {
          responded: responded.length,
          medianMinutes: percentileDisc(wall, 0.5),
          p90Minutes: percentileDisc(wall, 0.9),
          medianBusinessMinutes: percentileDisc(business, 0.5),
          p90BusinessMinutes: percentileDisc(business, 0.9),
        }),
      });
    }
  }
  expect(compared).toBeGreaterThan(500);
});
