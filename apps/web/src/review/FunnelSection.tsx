import { Suspense } from "react";
import { formatCount, formatPercent } from "../lib/format";
import { DrillNumber } from "./drill";
import { FunnelBars } from "./lazy-charts";
import type { Conversion } from "./review-types";

const steps = [
  { key: "mqls", label: "MQL", rate: null },
  { key: "sal", label: "SAL", rate: "salRate" },
  { key: "sql", label: "SQL", rate: "sqlRate" },
  { key: "opportunity", label: "Opportunity", rate: "opportunityRate" },
  { key: "closed_won", label: "Won", rate: "closedWonRate" },
] as const;

/** The MQL cohort of the week and how far it got, with each step's conversion. */
export function FunnelSection(props: { conversion: Conversion; serviceLine: string }) {
  const c = props.conversion;
  return (
    <section aria-labelledby="funnel-title" className="panel">
      <h2 id="funnel-title">Funnel of this week's MQLs</h2>
      <div className="chart-with-table">
        <Suspense fallback={<div className="chart-placeholder" />}>
          <FunnelBars steps={steps.map((s) => ({ label: s.label, count: c[s.key] }))} />
        </Suspense>
        <table className="data-table" data-testid="funnel-table">
          <caption className="visually-hidden">Funnel counts and step conversion</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Reached</th>
              <th scope="col">From previous step</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={step.key}>
                <th scope="row">{step.label}</th>
                <td>
                  <DrillNumber
                    metric={`conversion.${step.key}`}
                    serviceLine={props.serviceLine}
                    what={`reached ${step.label}`}
                    testId={`funnel-${step.key}`}
                  >
                    {formatCount(c[step.key])}
                  </DrillNumber>
                </td>
                <td>{step.rate ? formatPercent(c[step.rate]) : ""}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">MQL → won</th>
              <td />
              <td>{formatPercent(c.mqlToClosedWonRate)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
