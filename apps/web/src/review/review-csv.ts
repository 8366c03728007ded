import type { Review } from "./review-types";

const columns: Array<[string, (r: Review["rows"][number]) => unknown]> = [
  ["service_line", (r) => r.serviceLine],
  ["mqls", (r) => r.responseTime.mqls],
  ["responded", (r) => r.responseTime.responded],
  ["median_minutes", (r) => r.responseTime.medianMinutes],
  ["p90_minutes", (r) => r.responseTime.p90Minutes],
  ["median_business_minutes", (r) => r.responseTime.medianBusinessMinutes],
  ["p90_business_minutes", (r) => r.responseTime.p90BusinessMinutes],
  ["within_sla", (r) => r.responseTime.withinSla],
  ["breached", (r) => r.responseTime.breached],
  ["within_sla_rate", (r) => r.responseTime.withinSlaRate],
  ["accepted", (r) => r.acceptance.accepted],
  ["rejected", (r) => r.acceptance.rejected],
  ["acceptance_rate", (r) => r.acceptance.rate],
  ["open_pipeline", (r) => r.coverage.openPipeline],
  ["weighted_pipeline", (r) => r.coverage.weightedPipeline],
  ["quota", (r) => r.coverage.quota],
  ["coverage_ratio", (r) => r.coverage.ratio],
  ["weighted_coverage_ratio", (r) => r.coverage.weightedRatio],
  ["sal", (r) => r.conversion.sal],
  ["sql", (r) => r.conversion.sql],
  ["opportunity", (r) => r.conversion.opportunity],
  ["closed_won", (r) => r.conversion.closed_won],
  ["won", (r) => r.winRate.won],
  ["lost", (r) => r.winRate.lost],
  ["win_rate", (r) => r.winRate.rate],
];

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The review's figures per service line as CSV (the records behind them export from the drawer). */
export function reviewToCsv(review: Review): string {
  const header = ["week", ...columns.map(([name]) => name)].join(",");
  const lines = review.rows.map((row) => [review.week, ...columns.map(([, pick]) => pick(row))].map(cell).join(","));
  return `${[header, ...lines].join("\n")}\n`;
}

export function downloadReviewCsv(review: Review, workspace: string) {
  const url = URL.createObjectURL(new Blob([reviewToCsv(review)], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `review-${workspace}-${review.week}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
