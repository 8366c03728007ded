import { formatCount, formatMinutes, formatMoney, formatPercent, formatRatio } from "../lib/format";
import { DrillNumber } from "./drill";
import { KpiCard } from "./KpiCard";
import { acceptanceTarget, coverageTarget, responseTarget, winRateTarget } from "./kpi-status";
import type { Review, ReviewRow } from "./review-types";

const pts = (rate: number) => `${(rate * 100).toFixed(1)} pts`;

/** The four KPI cards of one service line (or all), with W−1 and the 12-week trend. */
export function KpiCards(props: {
  review: Review;
  trend: Review["trend"];
  serviceLine: string;
  slaMinutes: number | null;
}) {
  const { review, serviceLine } = props;
  const row = rowOf(review.rows, serviceLine);
  const previous = rowOf(review.previous.rows, serviceLine);
  if (!row) return null;
  const trend = (pick: (r: ReviewRow) => number | null) =>
    props.trend.map((week) => {
      const r = rowOf(week.rows, serviceLine);
      return { week: week.week, value: r ? pick(r) : null };
    });
  const drill = (metric: string, what: string, value: string, testId?: string) => (
    <DrillNumber metric={metric} serviceLine={serviceLine} what={what} testId={testId}>
      {value}
    </DrillNumber>
  );
  const rt = row.responseTime;
  const cov = row.coverage;
  return (
    <section className="kpi-grid" aria-label="Key figures">
      <KpiCard
        title="Lead response time"
        testId="kpi-response"
        headline={
          <>
            {formatMinutes(rt.medianMinutes)} <span className="kpi-unit">median</span>
          </>
        }
        value={rt.medianMinutes}
        previous={previous?.responseTime.medianMinutes ?? null}
        format={formatMinutes}
        formatDelta={formatMinutes}
        better="lower"
        target={responseTarget}
        stateValue={rt.withinSlaRate}
        details={
          <ul>
            <li>
              p90 {formatMinutes(rt.p90Minutes)} (business {formatMinutes(rt.p90BusinessMinutes)})
            </li>
            <li>
              {drill("responseTime.withinSla", "within SLA", formatPercent(rt.withinSlaRate), "kpi-response-within")}{" "}
              within SLA{props.slaMinutes !== null ? ` of ${formatMinutes(props.slaMinutes)}` : ""}
            </li>
            <li>
              {drill("responseTime.mqls", "MQLs", formatCount(rt.mqls), "kpi-response-mqls")} MQLs ·{" "}
              {drill("responseTime.breached", "breached", formatCount(rt.breached), "kpi-response-breached")} breached ·{" "}
              {drill("responseTime.pending", "pending", formatCount(rt.pending))} pending
            </li>
          </ul>
        }
        trend={trend((r) => r.responseTime.medianMinutes)}
      />
      <KpiCard
        title="Lead acceptance rate"
        testId="kpi-acceptance"
        headline={formatPercent(row.acceptance.rate)}
        value={row.acceptance.rate}
        previous={previous?.acceptance.rate ?? null}
        format={formatPercent}
        formatDelta={pts}
        better="higher"
        target={acceptanceTarget}
        details={
          <ul>
            <li>
              {drill(
                "acceptance.accepted",
                "accepted",
                formatCount(row.acceptance.accepted),
                "kpi-acceptance-accepted",
              )}{" "}
              accepted · {drill("acceptance.rejected", "rejected", formatCount(row.acceptance.rejected))} rejected ·{" "}
              {drill("acceptance.pending", "pending", formatCount(row.acceptance.pending))} pending
            </li>
            <li>
              Median decision{" "}
              {row.acceptance.medianHoursToDecision == null
                ? "—"
                : `${row.acceptance.medianHoursToDecision.toFixed(1)} h`}
            </li>
          </ul>
        }
        trend={trend((r) => r.acceptance.rate)}
      />
      <KpiCard
        title={`Pipeline coverage ${cov.period}`}
        testId="kpi-coverage"
        headline={cov.ratio === null && cov.quota !== null ? "Quota attained" : formatRatio(cov.ratio)}
        value={cov.ratio}
        previous={previous?.coverage.ratio ?? null}
        format={formatRatio}
        formatDelta={(v) => `${v.toFixed(1)}×`}
        better="higher"
        target={coverageTarget}
        stateValue={cov.ratio === null && cov.quota !== null ? Number.POSITIVE_INFINITY : cov.ratio}
        details={
          <ul>
            <li>Weighted {formatRatio(cov.weightedRatio)}</li>
            <li>
              Open {drill("coverage.open", "open pipeline", formatMoney(cov.openPipeline), "kpi-coverage-open")} · won{" "}
              {drill("coverage.closedWon", "closed won", formatMoney(cov.closedWon))}
            </li>
            <li>
              Quota {cov.quota === null ? "not set — add a target on the Definitions page" : formatMoney(cov.quota)}
              {cov.remaining !== null ? ` · remaining ${formatMoney(cov.remaining)}` : ""}
            </li>
          </ul>
        }
        trend={trend((r) => r.coverage.ratio)}
      />
      <KpiCard
        title="Win rate"
        testId="kpi-winrate"
        headline={formatPercent(row.winRate.rate)}
        value={row.winRate.rate}
        previous={previous?.winRate.rate ?? null}
        format={formatPercent}
        formatDelta={pts}
        better="higher"
        target={winRateTarget}
        details={
          <ul>
            <li>
              {drill("winRate.won", "won", formatCount(row.winRate.won), "kpi-winrate-won")} won ·{" "}
              {drill("winRate.lost", "lost", formatCount(row.winRate.lost))} lost
            </li>
            <li>
              By amount {formatPercent(row.winRate.amountRate)} ({formatMoney(row.winRate.wonAmount)} won)
            </li>
          </ul>
        }
        trend={trend((r) => r.winRate.rate)}
      />
    </section>
  );
}

export const rowOf = (rows: ReviewRow[], serviceLine: string) => rows.find((r) => r.serviceLine === serviceLine);
