import { Suspense } from "react";
import { formatCount, formatDays } from "../lib/format";
import { DrillNumber } from "./drill";
import { VelocityBars } from "./lazy-charts";
import type { StageVelocity } from "./review-types";

/** Days spent per stage (exits in the week) and what sits in each stage now, stalled first. */
export function VelocitySection(props: { velocity: StageVelocity[]; serviceLine: string }) {
  const stages = props.velocity;
  return (
    <section aria-labelledby="velocity-title" className="panel">
      <h2 id="velocity-title">Stage velocity</h2>
      {stages.length > 0 && (
        <Suspense fallback={<div className="chart-placeholder" />}>
          <VelocityBars stages={stages} />
        </Suspense>
      )}
      <div className="table-scroll">
        <table className="data-table" data-testid="velocity-table">
          <caption className="visually-hidden">Days per stage and stalled counts</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Exits</th>
              <th scope="col">Median</th>
              <th scope="col">p75</th>
              <th scope="col">p90</th>
              <th scope="col">Mean</th>
              <th scope="col">In stage now</th>
              <th scope="col">Stalled</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => {
              const drill = (what: string, value: number) => (
                <DrillNumber
                  metric={`velocity.${s.stage}.${what}`}
                  serviceLine={props.serviceLine}
                  what={`${what} in ${s.stage}`}
                  testId={`velocity-${s.stage}-${what}`}
                >
                  {formatCount(value)}
                </DrillNumber>
              );
              return (
                <tr key={s.stage}>
                  <th scope="row">{s.stage}</th>
                  <td>{drill("exits", s.exits)}</td>
                  <td>{formatDays(s.medianDays)}</td>
                  <td>{formatDays(s.p75Days)}</td>
                  <td>{formatDays(s.p90Days)}</td>
                  <td>{formatDays(s.meanDays)}</td>
                  <td>{drill("open", s.openCount)}</td>
                  <td className={s.stalled ? "stalled" : undefined}>
                    {s.stalled === null ? <span className="muted">no rule</span> : drill("stalled", s.stalled)}
                    {s.stalled ? <span className="visually-hidden"> (stalled)</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
