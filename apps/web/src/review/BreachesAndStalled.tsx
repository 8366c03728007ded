import { QueryState } from "../layout/QueryState";
import { formatCount } from "../lib/format";
import { RecordsTable } from "./RecordsTable";
import type { StageVelocity } from "./review-types";
import { useRecords } from "./useRecords";

const dealStages = new Set(["opportunity", "proposal", "negotiation"]);

/** Each panel lists this many, ordered by the API over all of the week's records. */
const shown = 10;

/** The first touches that missed their SLA this week and the deals stalled in a stage, biggest first. */
export function BreachesAndStalled(props: {
  workspace: string;
  week: string;
  asOf: string | null;
  serviceLine: string;
  breached: number;
  velocity: StageVelocity[];
}) {
  const base = { workspace: props.workspace, week: props.week, asOf: props.asOf, serviceLine: props.serviceLine };
  const breaches = useRecords(
    props.breached > 0 ? { ...base, metric: "responseTime.breached", order: "wait", limit: shown } : null,
  );
  const stalledStages = props.velocity.filter((s) => dealStages.has(s.stage) && (s.stalled ?? 0) > 0);
  return (
    <>
      <section aria-labelledby="breaches-title" className="panel">
        <h2 id="breaches-title">SLA breaches this week ({formatCount(props.breached)})</h2>
        {props.breached === 0 ? (
          <p className="muted">No first-touch SLA was breached this week.</p>
        ) : (
          <QueryState query={breaches}>
            {(data) => (
              <RecordsTable
                records={data.records}
                metric="responseTime.breached"
                caption="SLA breaches, longest wait first"
                testId="breaches-table"
              />
            )}
          </QueryState>
        )}
      </section>
      <section aria-labelledby="stalled-title" className="panel">
        <h2 id="stalled-title">Stalled deals</h2>
        {stalledStages.length === 0 ? (
          <p className="muted">No deal is stalled beyond its stage's maximum age.</p>
        ) : (
          stalledStages.map((stage) => <StalledStage key={stage.stage} base={base} stage={stage} />)
        )}
      </section>
    </>
  );
}

function StalledStage(props: {
  base: { workspace: string; week: string; asOf: string | null; serviceLine: string };
  stage: StageVelocity;
}) {
  const records = useRecords({
    ...props.base,
    metric: `velocity.${props.stage.stage}.stalled`,
    order: "amount",
    limit: shown,
  });
  return (
    <>
      <h3>
        {props.stage.stage} ({formatCount(props.stage.stalled)})
      </h3>
      <QueryState query={records}>
        {(data) => (
          <RecordsTable
            records={data.records}
            metric="velocity.stalled"
            caption={`Deals stalled in ${props.stage.stage}, biggest first`}
            testId={`stalled-${props.stage.stage}`}
          />
        )}
      </QueryState>
    </>
  );
}
