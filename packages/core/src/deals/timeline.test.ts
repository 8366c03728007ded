import { type Random, seededRandom } from "@revops/crm-sandbox/prng";
import { describe, expect, it } from "vitest";
import { defaultDefinitions } from "../definitions/defaults.ts";
import type { DealRecord } from "../model.ts";
import { at, deal } from "../testing/fixtures.ts";
import { deriveDealTransitions } from "../transitions/derive.ts";
import { dealStateAt } from "./state.ts";
import { dealCloses, dealStateSpans } from "./timeline.ts";

const defs = defaultDefinitions();
const STAGES = [
  "appointmentscheduled",
  "presentationscheduled",
  "contractsent",
  "closedwon",
  "closedlost",
  "unmapped-x",
];
const probabilityByStage = { appointmentscheduled: 0.2, presentationscheduled: 0.4, contractsent: 0.8, closedwon: 1 };

const DAY = 86_400_000;
const BASE = at("2026-09-01T00:00:00Z").getTime();

/** A deal with changes before and after its creation, ties on one instant, and values set back. */
function randomDeal(random: Random, n: number): DealRecord {
  const { next, pick } = random;
  // Instants on a coarse grid so that ties (several changes at one instant) happen often.
  const instant = () => new Date(BASE + Math.floor(next() * 40) * DAY);
  const created = instant();
  const count = () => Math.floor(next() * 5);
  const stages = Array.from({ length: 1 + count() }, () => [pick(STAGES), instant().toISOString()] as [string, string]);
  return deal(`d-${n}`, "hubspot", created.toISOString(), stages, {
    probabilityByStage,
    amountChanges: Array.from({ length: count() }, () => ({ value: pick([null, 0, 1000, 2500.5]), at: instant() })),
    closeDateChanges: Array.from({ length: count() }, () => ({
      value: pick([null, "2026-10-15", "2026-12-31", "2027-01-02"]),
      at: instant(),
    })),
  });
}

describe("dealStateSpans", () => {
  it("gives dealStateAt's state at every instant, before, at and after each change", () => {
    const random = seededRandom(42);
    for (let n = 0; n < 300; n++) {
      const record = randomDeal(random, n);
      const transitions = deriveDealTransitions(record, defs).transitions;
      const spans = dealStateSpans(record, transitions);
      expect(spans[0]?.from).toEqual(record.createdAt);
      // Every instant of the grid, and a minute either side of it.
      for (let day = -1; day <= 41; day++) {
        for (const offset of [-60_000, 0, 60_000]) {
          const t = new Date(BASE + day * DAY + offset);
          const expected = dealStateAt(record, transitions, t);
          const span = spans.find((s) => s.from <= t && (s.to === null || t < s.to));
          if (!expected.exists) {
            expect(span).toBeUndefined();
            continue;
          }
          expect(span, `${record.id} at ${t.toISOString()}`).toBeDefined();
          const { stage, amount, closeDate, probability } = expected;
          expect({
            stage: span?.stage,
            amount: span?.amount,
            closeDate: span?.closeDate,
            probability: span?.probability,
          }).toEqual({
            stage,
            amount,
            closeDate,
            probability,
          });
        }
      }
    }
  });

  it("merges neighbours with the same state and leaves the last span open", () => {
    const record = deal("D1", "hubspot", "2026-10-01T09:00:00Z", [["appointmentscheduled", "2026-10-01T09:00:00Z"]], {
      probabilityByStage,
      // Set to the same value again: no new span.
      amountChanges: [
        { value: 1000, at: at("2026-10-01T09:00:00Z") },
        { value: 1000, at: at("2026-10-05T09:00:00Z") },
        { value: 1500, at: at("2026-10-07T09:00:00Z") },
      ],
    });
    const spans = dealStateSpans(record, deriveDealTransitions(record, defs).transitions);
    expect(spans.map((s) => [s.from.toISOString(), s.to?.toISOString() ?? null, s.amount])).toEqual([
      ["2026-10-01T09:00:00.000Z", "2026-10-07T09:00:00.000Z", 1000],
      ["2026-10-07T09:00:00.000Z", null, 1500],
    ]);
  });
});

describe("dealCloses", () => {
  it("lists each entry into closed_won / closed_lost with the amount as of it", () => {
    const record = deal(
      "D1",
      "hubspot",
      "2026-10-01T09:00:00Z",
      [
        ["contractsent", "2026-10-01T09:00:00Z"],
        ["closedlost", "2026-10-10T09:00:00Z"],
        ["contractsent", "2026-10-12T09:00:00Z"],
        ["closedwon", "2026-10-20T09:00:00Z"],
      ],
      {
        amountChanges: [
          { value: 1000, at: at("2026-10-01T09:00:00Z") },
          // Changed at the instant of the win: read as of the close, so it counts.
          { value: 1200, at: at("2026-10-20T09:00:00Z") },
        ],
      },
    );
    const transitions = deriveDealTransitions(record, defs).transitions;
    const closes = dealCloses(record, transitions);
    expect(closes.map((c) => [c.stage, c.at.toISOString(), c.amount])).toEqual([
      ["closed_lost", "2026-10-10T09:00:00.000Z", 1000],
      ["closed_won", "2026-10-20T09:00:00.000Z", 1200],
    ]);
    expect(closes.map((c) => transitions[c.order]?.stage)).toEqual(["closed_lost", "closed_won"]);
  });
});
