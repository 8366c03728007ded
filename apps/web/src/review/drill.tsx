import { setSearchParams } from "../router";

/**
 * A drill-down target: the metric path of the review API's records route
 * (e.g. `responseTime.breached`, `conversion.sal`, `velocity.sal.stalled`, `winRate.won`).
 */
export interface DrillTarget {
  metric: string;
  serviceLine: string;
}

const openDrill = (target: DrillTarget) => setSearchParams({ drill: target.metric, drillLine: target.serviceLine });

export const closeDrill = () => setSearchParams({ drill: null, drillLine: null });

/** A number that opens the records behind it; a real button, so it works from the keyboard. */
export function DrillNumber(props: {
  metric: string;
  serviceLine: string;
  /** What the number counts, for screen readers: "breached first touches". */
  what: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="drill-number"
      data-testid={props.testId}
      data-metric={props.metric}
      aria-label={`${textOf(props.children)} ${props.what}: show the records`}
      onClick={() => openDrill({ metric: props.metric, serviceLine: props.serviceLine })}
    >
      {props.children}
    </button>
  );
}

const textOf = (node: React.ReactNode): string =>
  typeof node === "string" || typeof node === "number" ? String(node) : "";
