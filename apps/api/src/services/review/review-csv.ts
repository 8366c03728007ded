import { toCsv } from "./csv.ts";
import type { DrilldownRecord } from "./drilldown-schema.ts";
import type { ReviewBody, ReviewWeekBody } from "./review-schema.ts";

/** One line per (week, service line, metric, figure): easy to pivot in a spreadsheet. */
export function reviewCsv(review: ReviewBody): string {
  const lines: unknown[][] = [];
  const add = (week: ReviewWeekBody) => {
    for (const row of week.rows) {
      const { serviceLine, velocity, sourceMix, ...metrics } = row;
      for (const [metric, figures] of Object.entries(metrics)) {
        for (const [figure, value] of Object.entries(figures))
          lines.push([week.week, serviceLine, metric, figure, value]);
      }
      for (const stage of velocity) {
        const { stage: name, ...figures } = stage;
        for (const [figure, value] of Object.entries(figures))
          lines.push([week.week, serviceLine, `velocity.${name}`, figure, value]);
      }
      for (const [category, share] of Object.entries(sourceMix)) {
        lines.push([week.week, serviceLine, `sourceMix.${category}`, "count", share.count]);
        lines.push([week.week, serviceLine, `sourceMix.${category}`, "amount", share.amount]);
      }
    }
  };
  add({ week: review.week, start: review.start, end: review.end, rows: review.rows });
  add(review.previous);
  return toCsv(["week", "serviceLine", "metric", "figure", "value"], lines);
}

/** One line per record, every field a column. */
export function drilldownCsv(records: DrilldownRecord[]): string {
  const header = Object.keys(drilldownColumns) as Array<keyof DrilldownRecord>;
  return toCsv(
    header,
    records.map((r) => header.map((key) => r[key])),
  );
}

const drilldownColumns: Record<keyof DrilldownRecord, true> = {
  recordType: true,
  recordId: true,
  crm: true,
  crmId: true,
  name: true,
  link: true,
  ownerCrmId: true,
  ownerName: true,
  serviceLine: true,
  sourceCategory: true,
  cycleIndex: true,
  stage: true,
  provenance: true,
  startAt: true,
  endAt: true,
  firstTouchAt: true,
  wallMinutes: true,
  businessMinutes: true,
  sla: true,
  outcome: true,
  decidedAt: true,
  hoursToDecision: true,
  days: true,
  amount: true,
  closeDate: true,
  probability: true,
};
