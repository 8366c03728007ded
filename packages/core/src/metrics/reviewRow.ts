import type { Definitions } from "../definitions/types.ts";
import type { Acceptance } from "./acceptance.ts";
import { acceptanceOf } from "./acceptance.ts";
import type { Conversion } from "./conversion.ts";
import { conversionOf } from "./conversion.ts";
import type { Coverage } from "./coverage.ts";
import { coverageOf } from "./coverage.ts";
import type { ReviewFacts } from "./facts.ts";
import type { ResponseTime } from "./responseTime.ts";
import { responseTimeOf } from "./responseTime.ts";
import type { SourceMix } from "./sourceMix.ts";
import { sourceMixOf } from "./sourceMix.ts";
import type { StageVelocity } from "./velocity.ts";
import { velocityOf } from "./velocity.ts";
import { forServiceLine, reviewWindow } from "./window.ts";
import type { WinRate } from "./winRate.ts";
import { winRateOf } from "./winRate.ts";

export interface ReviewRow {
  /** "all" or a service-line key (including "unassigned"). */
  serviceLine: string;
  responseTime: ResponseTime;
  acceptance: Acceptance;
  coverage: Coverage;
  velocity: StageVelocity[];
  conversion: Conversion;
  winRate: WinRate;
  sourceMix: SourceMix;
}

export interface ReviewRowInput extends ReviewFacts {
  defs: Definitions;
  /** ISO week `YYYY-Www` in the workspace zone. */
  week: string;
  asOf: Date;
  serviceLine: string;
}

/** One row of the weekly review (spec §4): an aggregation over fact rows filtered to the week and service line. */
export function computeReviewRow(input: ReviewRowInput): ReviewRow {
  const { defs, week, asOf, serviceLine } = input;
  const window = reviewWindow(defs, week, asOf);
  const cycles = forServiceLine(input.cycles, serviceLine);
  const spans = forServiceLine(input.spans, serviceLine);
  const deals = forServiceLine(input.deals, serviceLine);
  return {
    serviceLine,
    responseTime: responseTimeOf(cycles, defs, window),
    acceptance: acceptanceOf(cycles, window),
    coverage: coverageOf(deals, defs, window, serviceLine),
    velocity: velocityOf(spans, defs, window),
    conversion: conversionOf(cycles, window),
    winRate: winRateOf(deals, window),
    sourceMix: sourceMixOf(deals, window),
  };
}
