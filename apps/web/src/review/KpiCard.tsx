import { Suspense } from "react";
import { formatSigned } from "../lib/format";
import type { TrendPoint } from "./charts";
import { type KpiTarget, stateIcon, stateText } from "./kpi-status";
import { Sparkline } from "./lazy-charts";

export interface KpiCardProps {
  title: string;
  testId: string;
  /** The headline number, usually a DrillNumber. */
  headline: React.ReactNode;
  /** The figure the state and delta are computed on. */
  value: number | null;
  previous: number | null;
  format: (value: number | null) => string;
  /** Formats the magnitude of a week-over-week change. */
  formatDelta: (value: number) => string;
  better: "higher" | "lower";
  target: KpiTarget;
  /** Which value the target applies to, when not `value` (e.g. % within SLA for response time). */
  stateValue?: number | null;
  details: React.ReactNode;
  trend: TrendPoint[];
}

export function KpiCard(props: KpiCardProps) {
  const state = props.target.state(props.stateValue === undefined ? props.value : props.stateValue);
  return (
    <article className={`kpi-card state-${state}`} data-testid={props.testId} aria-labelledby={`${props.testId}-title`}>
      <header className="kpi-head">
        <h3 id={`${props.testId}-title`}>{props.title}</h3>
        <span className={`state-badge state-${state}`} data-testid={`${props.testId}-state`}>
          <span aria-hidden="true">{stateIcon[state]} </span>
          {stateText[state]}
        </span>
      </header>
      <div className="kpi-value">{props.headline}</div>
      <Delta {...props} />
      <div className="kpi-details">{props.details}</div>
      <p className="kpi-target">Target: {props.target.label}</p>
      {props.trend.length > 0 && (
        <Suspense fallback={<div className="sparkline" />}>
          <Sparkline points={props.trend} format={props.format} label={`${props.title} trend`} />
        </Suspense>
      )}
    </article>
  );
}

function Delta(props: KpiCardProps) {
  if (props.value == null || props.previous == null)
    return <p className="kpi-delta muted">No week-over-week comparison (W−1: {props.format(props.previous)})</p>;
  const change = props.value - props.previous;
  const improved = props.better === "higher" ? change > 0 : change < 0;
  const verdict = change === 0 ? "unchanged" : improved ? "better" : "worse";
  return (
    <p className={`kpi-delta delta-${verdict}`}>
      <span aria-hidden="true">{change === 0 ? "→" : change > 0 ? "▲" : "▼"} </span>
      {formatSigned(change, props.formatDelta)} vs W−1 ({verdict}; was {props.format(props.previous)})
    </p>
  );
}
