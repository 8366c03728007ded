import { formatCount, formatMinutes, formatMoney, formatPercent, formatRatio } from "../lib/format";
import { DrillNumber } from "./drill";
import type { ReviewRow } from "./review-types";

/** The same figures per service line, one row each (the "all" row first). */
export function ServiceLineTable(props: { rows: ReviewRow[]; labels: Map<string, string> }) {
  const rows = [...props.rows].sort((a, b) => (a.serviceLine === "all" ? -1 : b.serviceLine === "all" ? 1 : 0));
  return (
    <section aria-labelledby="lines-title" className="panel">
      <h2 id="lines-title">By service line</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="service-line-table">
          <thead>
            <tr>
              <th scope="col">Service line</th>
              <th scope="col">MQLs</th>
              <th scope="col">Median response</th>
              <th scope="col">p90 response</th>
              <th scope="col">Within SLA</th>
              <th scope="col">Acceptance</th>
              <th scope="col">Open pipeline</th>
              <th scope="col">Coverage</th>
              <th scope="col">Weighted</th>
              <th scope="col">Won / lost</th>
              <th scope="col">Win rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const line = row.serviceLine;
              const label = props.labels.get(line) ?? line;
              const cell = (metric: string, what: string, text: string) => (
                <DrillNumber metric={metric} serviceLine={line} what={`${what}, ${label}`}>
                  {text}
                </DrillNumber>
              );
              return (
                <tr key={line} data-service-line={line}>
                  <th scope="row">{label}</th>
                  <td>{cell("responseTime.mqls", "MQLs", formatCount(row.responseTime.mqls))}</td>
                  <td>{formatMinutes(row.responseTime.medianMinutes)}</td>
                  <td>{formatMinutes(row.responseTime.p90Minutes)}</td>
                  <td>{cell("responseTime.withinSla", "within SLA", formatPercent(row.responseTime.withinSlaRate))}</td>
                  <td>{cell("acceptance.accepted", "accepted", formatPercent(row.acceptance.rate))}</td>
                  <td>{cell("coverage.open", "open pipeline", formatMoney(row.coverage.openPipeline))}</td>
                  <td>{formatRatio(row.coverage.ratio)}</td>
                  <td>{formatRatio(row.coverage.weightedRatio)}</td>
                  <td>
                    {cell("winRate.won", "won", formatCount(row.winRate.won))} /{" "}
                    {cell("winRate.lost", "lost", formatCount(row.winRate.lost))}
                  </td>
                  <td>{formatPercent(row.winRate.rate)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
