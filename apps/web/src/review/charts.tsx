// Every Recharts import lives here, so the charting library loads lazily, after the numbers.
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface TrendPoint {
  week: string;
  value: number | null;
}

/** A 12-week sparkline; its text equivalent is the aria-label (first, last, min, max). */
export function Sparkline(props: { points: TrendPoint[]; format: (v: number | null) => string; label: string }) {
  const values = props.points.map((p) => p.value).filter((v): v is number => v !== null);
  const first = props.points[0];
  const last = props.points.at(-1);
  const description =
    values.length === 0
      ? `${props.label}: no data in the last ${props.points.length} weeks`
      : `${props.label}, ${props.points.length} weeks: ${first?.week} ${props.format(first?.value ?? null)} to ${last?.week} ${props.format(last?.value ?? null)}; low ${props.format(Math.min(...values))}, high ${props.format(Math.max(...values))}`;
  return (
    <div className="sparkline" role="img" aria-label={description} title={description}>
      <LineChart width={140} height={36} data={props.points} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
        <Line
          type="monotone"
          dataKey="value"
          stroke="var(--accent)"
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}

export interface FunnelStep {
  label: string;
  count: number;
}

/** MQL → won as horizontal bars; the table beside it is the text equivalent. */
export function FunnelBars(props: { steps: FunnelStep[] }) {
  return (
    <div aria-hidden="true" className="chart">
      <BarChart
        width={480}
        height={220}
        data={props.steps}
        layout="vertical"
        margin={{ top: 8, right: 48, bottom: 8, left: 16 }}
      >
        <CartesianGrid horizontal={false} stroke="#e6e9ed" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={90} />
        <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false}>
          <LabelList dataKey="count" position="right" />
        </Bar>
      </BarChart>
    </div>
  );
}

export interface VelocityBar {
  stage: string;
  medianDays: number | null;
  p90Days: number | null;
}

/** Median and p90 days per stage; the velocity table below is the text equivalent. */
export function VelocityBars(props: { stages: VelocityBar[] }) {
  return (
    <div aria-hidden="true" className="chart velocity-chart">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={props.stages} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e6e9ed" />
          <XAxis dataKey="stage" interval={0} tick={{ fontSize: 11 }} />
          <YAxis unit=" d" />
          <Tooltip formatter={(value) => `${Number(value).toFixed(1)} days`} />
          <Legend />
          <Bar dataKey="medianDays" name="Median days" fill="var(--accent)" isAnimationActive={false} />
          <Bar dataKey="p90Days" name="p90 days" fill="#8fb3dc" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
