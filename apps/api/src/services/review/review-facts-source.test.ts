import type { DealFactRow, DealRecord, Transition } from "@revops/core";
import { defaultDefinitions } from "@revops/core";
import { describe, expect, it } from "vitest";
import { weekDealSelector } from "./review-facts-source.ts";

const at = (iso: string) => new Date(iso);

/** A deal created at `created`, closing at `closes` (stage, instant), with close dates set at creation or later. */
function dealFact(
  id: string,
  created: string,
  closes: Array<[Transition["stage"], string]>,
  closeDates: Array<[string | null, string]>,
): DealFactRow {
  const deal: DealRecord = {
    id,
    crm: "hubspot",
    connectionId: "hs",
    crmId: `d-${id}`,
    pipelineId: "default",
    createdAt: at(created),
    ownerId: "rep-1",
    serviceLineRaw: null,
    sourceRaw: null,
    leadIds: [],
    stageChanges: [],
    amountChanges: [],
    closeDateChanges: closeDates.map(([value, iso]) => ({ value, at: at(iso) })),
    probabilityByStage: {},
  };
  const transitions: Transition[] = [
    { entityId: id, stage: "opportunity", at: at(created), provenance: "history" },
    ...closes.map(([stage, iso]) => ({ entityId: id, stage, at: at(iso), provenance: "history" as const })),
  ];
  return { deal, transitions, serviceLine: "cloud", sourceCategory: "marketing", tier: null };
}

// Workspace zone UTC (the defaults); fiscal year from January: 2025-W41 is Oct 6–13, in Q4 (Oct–Dec).
const defs = { ...defaultDefinitions(), timezone: "UTC", fiscalYearStartMonth: 1 };
const deals = [
  dealFact("created-in-w", "2025-10-07T09:00:00Z", [], [["2026-03-31", "2025-10-07T09:00:00Z"]]),
  dealFact("closed-in-w", "2025-06-02T09:00:00Z", [["closed_lost", "2025-10-08T09:00:00Z"]], []),
  dealFact("q4-close-date", "2025-08-01T09:00:00Z", [], [["2025-11-15", "2025-08-01T09:00:00Z"]]),
  dealFact(
    "moved-out-of-q4",
    "2025-07-01T09:00:00Z",
    [],
    [
      ["2025-12-20", "2025-07-01T09:00:00Z"],
      ["2026-02-01", "2025-09-01T09:00:00Z"],
    ],
  ),
  dealFact(
    "q3-close-date",
    "2025-05-01T09:00:00Z",
    [["closed_won", "2025-09-10T09:00:00Z"]],
    [["2025-09-10", "2025-05-01T09:00:00Z"]],
  ),
  dealFact("created-after-w", "2025-10-20T09:00:00Z", [], [["2025-11-30", "2025-10-20T09:00:00Z"]]),
  dealFact("no-close-date", "2025-09-01T09:00:00Z", [], [[null, "2025-09-01T09:00:00Z"]]),
  // Created at the very end of W41 (the start of W42): it exists at W41's cutoff.
  dealFact("created-at-cutoff", "2025-10-13T00:00:00Z", [], [["2025-12-01", "2025-10-13T00:00:00Z"]]),
];
const ids = (rows: DealFactRow[]) => rows.map((r) => r.deal.id);

describe("weekDealSelector", () => {
  const select = weekDealSelector(deals, defs);

  it("picks the deals created or closed in W, and those existing at the cutoff whose close date was ever in W's quarter, in list order", () => {
    expect(ids(select("2025-W41", at("2025-12-31T00:00:00Z")))).toEqual([
      "created-in-w",
      "closed-in-w",
      "q4-close-date",
      "moved-out-of-q4",
      "created-at-cutoff",
    ]);
  });

  it("reads each week against its own quarter and cutoff", () => {
    // W37 (Sep 8–15) is in Q3: the deal closing that week, and the one whose close date was in Q3.
    expect(ids(select("2025-W37", at("2025-12-31T00:00:00Z")))).toEqual(["q3-close-date"]);
    // Asked as of a time inside W41 before the deal created in W exists: it still counts as created in W
    // (the metrics compare with asOf themselves), and a deal created after the cutoff never counts by its close date.
    expect(ids(select("2025-W41", at("2025-10-06T12:00:00Z")))).toEqual([
      "created-in-w",
      "closed-in-w",
      "q4-close-date",
      "moved-out-of-q4",
    ]);
    expect(ids(select("2025-W43", at("2025-12-31T00:00:00Z")))).toEqual([
      "q4-close-date",
      "moved-out-of-q4",
      "created-after-w",
      "created-at-cutoff",
    ]);
  });
});
