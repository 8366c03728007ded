import { cycleOutcomeAsOf } from "../cycles/mqlCycles.ts";
import type { CanonicalStage, SourceCategory } from "../model.ts";
import { coverageBucket, coveragePeriod } from "./coverage.ts";
import type { CycleFactRow } from "./facts.ts";
import { classifyResponse } from "./responseTime.ts";
import type { ReviewRowInput } from "./reviewRow.ts";
import { stageMembers, VELOCITY_STAGES } from "./velocity.ts";
import { forServiceLine, inWindow, reviewWindow } from "./window.ts";
import { closeInWindow } from "./winRate.ts";

/** One MQL cycle of one lead. */
export interface CycleRef {
  leadId: string;
  cycleIndex: number;
}

/** The records behind every count of a review row (spec §4: every count links to its records). */
export interface ReviewDrilldown {
  serviceLine: string;
  responseTime: Record<"mqls" | "responded" | "withinSla" | "breached" | "pending", CycleRef[]>;
  acceptance: Record<"accepted" | "rejected" | "pending", CycleRef[]>;
  /** Deal ids. */
  coverage: { open: string[]; closedWon: string[] };
  /** Entity ids (leads for lead stages, deals for deal stages). */
  velocity: Array<{ stage: CanonicalStage; exits: string[]; open: string[]; stalled: string[] }>;
  conversion: Record<"mqls" | "sal" | "sql" | "opportunity" | "closed_won", CycleRef[]>;
  /** Deal ids. */
  winRate: { won: string[]; lost: string[] };
  /** Deal ids created in W per source category. */
  sourceMix: Record<SourceCategory, string[]>;
}

const ref = (c: CycleFactRow): CycleRef => ({ leadId: c.leadId, cycleIndex: c.index });

/** Same filters as `computeReviewRow`, returning ids instead of counts. */
export function computeReviewDrilldown(input: ReviewRowInput): ReviewDrilldown {
  const { defs, asOf, serviceLine } = input;
  const window = reviewWindow(defs, input.week, asOf);
  const cohort = forServiceLine(input.cycles, serviceLine).filter((c) => inWindow(window, c.startAt));
  const deals = forServiceLine(input.deals, serviceLine);
  const spans = forServiceLine(input.spans, serviceLine);
  const reached = (key: "sal" | "sql" | "opportunity" | "closed_won") =>
    cohort.filter((c) => c.reachedAt[key] !== null && (c.reachedAt[key] as Date) <= asOf).map(ref);
  const responses = cohort.map((c) => ({ c, r: classifyResponse(c, defs, asOf) }));
  const withSla = (sla: "within" | "breached" | "pending") =>
    responses.filter((x) => x.r.sla === sla).map((x) => ref(x.c));
  const outcome = (o: "accepted" | "rejected" | "pending") =>
    cohort.filter((c) => cycleOutcomeAsOf(c, asOf) === o).map(ref);
  const quarter = coveragePeriod(defs, window);
  const buckets = deals.map((d) => ({ id: d.deal.id, bucket: coverageBucket(d, window, quarter).bucket }));
  const closes = deals.map((d) => ({ id: d.deal.id, close: closeInWindow(d, window) }));
  const created = deals.filter((d) => inWindow(window, d.deal.createdAt));
  const ids = (rows: Array<{ entityId: string }>) => rows.map((r) => r.entityId);
  return {
    serviceLine,
    responseTime: {
      mqls: cohort.map(ref),
      responded: responses.filter((x) => x.r.respondedAt !== null).map((x) => ref(x.c)),
      withinSla: withSla("within"),
      breached: withSla("breached"),
      pending: withSla("pending"),
    },
    acceptance: { accepted: outcome("accepted"), rejected: outcome("rejected"), pending: outcome("pending") },
    coverage: {
      open: buckets.filter((b) => b.bucket === "open").map((b) => b.id),
      closedWon: buckets.filter((b) => b.bucket === "closed_won").map((b) => b.id),
    },
    velocity: VELOCITY_STAGES.map((stage) => {
      const m = stageMembers(spans, defs, window, stage);
      return { stage, exits: ids(m.exits), open: ids(m.open), stalled: ids(m.stalled ?? []) };
    }),
    conversion: {
      mqls: cohort.map(ref),
      sal: reached("sal"),
      sql: reached("sql"),
      opportunity: reached("opportunity"),
      closed_won: reached("closed_won"),
    },
    winRate: {
      won: closes.filter((c) => c.close?.stage === "closed_won").map((c) => c.id),
      lost: closes.filter((c) => c.close?.stage === "closed_lost").map((c) => c.id),
    },
    sourceMix: {
      marketing: created.filter((d) => d.sourceCategory === "marketing").map((d) => d.deal.id),
      sales: created.filter((d) => d.sourceCategory === "sales").map((d) => d.deal.id),
      partner: created.filter((d) => d.sourceCategory === "partner").map((d) => d.deal.id),
      other: created.filter((d) => d.sourceCategory === "other").map((d) => d.deal.id),
    },
  };
}
