import type { Definitions } from "../definitions/types.ts";
import { UNASSIGNED } from "../stages/mapping.ts";
import { previousWeek, weekBounds, weeksBack } from "../time/week.ts";
import type { ReviewFacts } from "./facts.ts";
import type { ReviewRow } from "./reviewRow.ts";
import { computeReviewRow } from "./reviewRow.ts";

export interface ReviewWeek {
  week: string;
  start: Date;
  end: Date;
  rows: ReviewRow[];
}

/** Spec §7 minus what only the API knows (workspace id, freshness). */
export interface Review extends ReviewWeek {
  timezone: string;
  asOf: Date;
  previous: ReviewWeek;
}

export interface ReviewInput {
  facts: ReviewFacts;
  defs: Definitions;
  week: string;
  asOf: Date;
  /** Restrict rows to one service line (the API's `serviceLine` parameter); default: `all` + every line. */
  serviceLine?: string;
}

/** Row keys: `all`, each defined service line, and `unassigned` when any fact carries it. */
export function reviewServiceLines(facts: ReviewFacts, defs: Definitions): string[] {
  const lines = ["all", ...defs.serviceLines.map((s) => s.key)];
  const unassigned = [...facts.cycles, ...facts.spans, ...facts.deals].some((f) => f.serviceLine === UNASSIGNED);
  return unassigned ? [...lines, UNASSIGNED] : lines;
}

function reviewWeek(input: ReviewInput, week: string, lines: string[]): ReviewWeek {
  const { start, end } = weekBounds(week, input.defs.timezone);
  const rows = lines.map((serviceLine) =>
    computeReviewRow({ ...input.facts, defs: input.defs, week, asOf: input.asOf, serviceLine }),
  );
  return { week, start, end, rows };
}

/** The weekly review of W as of T with the same rows for W−1 (also as of T). */
export function computeReview(input: ReviewInput): Review {
  const lines = input.serviceLine ? [input.serviceLine] : reviewServiceLines(input.facts, input.defs);
  return {
    ...reviewWeek(input, input.week, lines),
    timezone: input.defs.timezone,
    asOf: input.asOf,
    previous: reviewWeek(input, previousWeek(input.week), lines),
  };
}

/** The `weeks` weeks ending with W (oldest first), one row each for a service line, all as of T. */
export function computeTrend(
  input: Omit<ReviewInput, "serviceLine"> & { serviceLine: string; weeks?: number },
): Array<{ week: string; row: ReviewRow }> {
  return weeksBack(input.week, input.weeks ?? 12).map((week) => ({
    week,
    row: computeReviewRow({ ...input.facts, defs: input.defs, week, asOf: input.asOf, serviceLine: input.serviceLine }),
  }));
}
