import { randomUUID } from "node:crypto";
import type { DealFactRow, DealRecord, SourceCategory } from "@revops/core";
import {
  coverageOf,
  coveragePeriod,
  dealCloseFacts,
  dealCloses,
  dealStateSpans,
  defaultDefinitions,
  deriveDealTransitions,
  forServiceLine,
  OPEN_DEAL_STAGES,
  reviewWindow,
  sourceMixOf,
  winRateOf,
} from "@revops/core";
import { seededRandom } from "@revops/crm-sandbox/prng";
import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../client.ts";
import { createTestDatabase } from "../testing/index.ts";
import { dealAggregates } from "./deal-aggregates.ts";
import { replaceFacts } from "./facts.ts";
import { ensureWorkspace } from "./workspaces.ts";

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
});

const defs = defaultDefinitions();
const DAY = 86_400_000;
const BASE = Date.parse("2026-08-24T00:00:00Z");
const STAGES = ["appointmentscheduled", "presentationscheduled", "contractsent", "closedwon", "closedlost"];
const probabilityByStage = { appointmentscheduled: 0.1, presentationscheduled: 0.35, contractsent: 0.7, closedwon: 1 };

/** Deals over Q3 and Q4 with amounts whose float sums depend on the order, ties and close dates moving across quarters. */
function randomDeals(count: number): DealFactRow[] {
  const { next, pick } = seededRandom(7);
  // Half-day grid: ties between changes, and between changes and week boundaries.
  const instant = () => new Date(BASE + Math.floor(next() * 200) * (DAY / 2));
  return Array.from({ length: count }, () => {
    const created = instant();
    const n = () => Math.floor(next() * 4);
    const record: DealRecord = {
      id: randomUUID(),
      crm: "hubspot",
      connectionId: "hs",
      crmId: String(Math.floor(next() * 1e9)),
      pipelineId: "default",
      createdAt: created,
      ownerId: null,
      serviceLineRaw: null,
      sourceRaw: null,
      leadIds: [],
      stageChanges: Array.from({ length: 1 + n() }, () => ({
        property: "dealstage",
        value: pick(STAGES),
        at: instant(),
        provenance: "history" as const,
      })),
      amountChanges: Array.from({ length: n() }, () => ({
        value: pick([null, 0.1, 0.2, 0.3, 1234.57, 999.99]),
        at: instant(),
      })),
      closeDateChanges: Array.from({ length: 1 + n() }, () => ({
        value: pick([null, "2026-09-15", "2026-09-30", "2026-10-01", "2026-11-20", "2026-12-31", "2027-01-01"]),
        at: instant(),
      })),
      probabilityByStage,
    };
    return {
      deal: record,
      transitions: deriveDealTransitions(record, defs).transitions,
      serviceLine: pick(["cloud", "data", "unassigned"]),
      sourceCategory: pick<SourceCategory>(["marketing", "sales", "partner", "other"]),
      tier: null,
    };
  });
}

it("gives core's coverage, win rate and source mix to the last bit, for settled weeks and a week in progress", async () => {
  database = await createTestDatabase();
  const db = database.db;
  await ensureWorkspace(db, { id: "acme", name: "Acme" });
  const facts = randomDeals(500);
  await replaceFacts(db, {
    workspaceId: "acme",
    leadIds: [],
    dealIds: facts.map((f) => f.deal.id),
    definitionsVersion: 1,
    timeZone: defs.timezone,
    cycles: [],
    spans: [],
    deals: facts.map((f) => ({
      ...f,
      ...dealCloseFacts(f),
      stateSpans: dealStateSpans(f.deal, f.transitions),
      closes: dealCloses(f.deal, f.transitions),
    })),
  });
  const weeks = Array.from({ length: 14 }, (_, i) => `2026-W${String(35 + i).padStart(2, "0")}`);
  // After every week, inside a week (between two grid instants) and exactly on a grid instant.
  for (const asOf of [
    new Date("2027-02-01T00:00:00Z"),
    new Date("2026-10-14T13:00:00Z"),
    new Date(BASE + 101 * (DAY / 2)),
  ]) {
    const windows = weeks.map((week) => reviewWindow(defs, week, asOf));
    const sums = await dealAggregates(db, {
      workspaceId: "acme",
      asOf,
      openStages: OPEN_DEAL_STAGES,
      weeks: windows.map((w) => {
        const quarter = coveragePeriod(defs, w);
        return { ...w, periodFrom: quarter.startDate, periodTo: quarter.endDate };
      }),
    });
    let nonZero = 0;
    for (const window of windows) {
      for (const line of ["all", "cloud", "data", "unassigned"]) {
        const deals = forServiceLine(facts, line);
        const coverage = coverageOf(deals, defs, window, line);
        const winRate = winRateOf(deals, window);
        const mix = sourceMixOf(deals, window);
        const found = sums.find((s) => s.week === window.week && s.serviceLine === line);
        const sources = Object.fromEntries(
          Object.entries(mix)
            .filter(([, share]) => share.count > 0)
            .map(([category, share]) => [category, share]),
        );
        const label = `${window.week} ${line} as of ${asOf.toISOString()}`;
        expect(
          {
            openPipeline: found?.openPipeline ?? 0,
            weightedPipeline: found?.weightedPipeline ?? 0,
            closedWon: found?.closedWon ?? 0,
            won: found?.won ?? 0,
            lost: found?.lost ?? 0,
            wonAmount: found?.wonAmount ?? 0,
            lostAmount: found?.lostAmount ?? 0,
            sources: Object.fromEntries(
              (found?.sources ?? []).map((s) => [s.sourceCategory, { count: s.count, amount: s.amount }]),
            ),
          },
          label,
        ).toStrictEqual({
          openPipeline: coverage.openPipeline,
          weightedPipeline: coverage.weightedPipeline,
          closedWon: coverage.closedWon,
          won: winRate.won,
          lost: winRate.lost,
          wonAmount: winRate.wonAmount,
          lostAmount: winRate.lostAmount,
          sources,
        });
        if (coverage.weightedPipeline !== 0 && !Number.isInteger(coverage.weightedPipeline)) nonZero++;
      }
    }
    // The comparison covered non-trivial float sums, not only empty weeks.
    expect(nonZero).toBeGreaterThan(20);
  }
});
