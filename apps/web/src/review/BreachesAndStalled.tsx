import { QueryState } from "../layout/QueryState";
import { formatCount } from "../lib/format";
import { RecordsTable } from "./RecordsTable";
import type { ReviewRecord, StageVelocity } from "./review-types";
import { useRecords } from "./useRecords";

const dealStages = new Set(["opportunity", "proposal", "negotiation"]);

/** Sorts by the first size-like field the records carry: the biggest problem first. */
function biggestFirst(records: ReviewRecord[], fields: string[]): ReviewRecord[] {
  const size = (r: ReviewRecord) => {
    for (const field of fields) if (typeof r[field] === "number") return r[field] as number;
    return 0;
  };
  return [...records].sort((a, b) => size(b) - size(a));
}

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
  const breaches = useRecords(props.breached > 0 ? { ...base, metric: "responseTime.breached" } : null);
  const stalledStages = props.velocity.filter((s) => dealStages.has(s.stage) && (s.stalled ?? 0) > 0);
  return (
    <div className="two-columns">
      <section aria-labelledby="breaches-title" className="panel">
        <h2 id="breaches-title">SLA breaches this week ({formatCount(props.breached)})</h2>
        {props.breached === 0 ? (
          <p className="muted">No first-touch SLA was breached this week.</p>
        ) : (
          <QueryState query={breaches}>
            {(data) => (
              <RecordsTable
                records={biggestFirst(data.records, [
                  "lateByMinutes",
                  "businessMinutes",
                  "wallMinutes",
                  "minutes",
                ]).slice(0, 10)}
                caption="SLA breaches, latest response first"
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
    </div>
  );
}

function StalledStage(props: {
  base: { workspace: string; week: string; asOf: string | null; serviceLine: string };
  stage: StageVelocity;
}) {
  const records = useRecords({ ...props.base, metric: `velocity.${props.stage.stage}.stalled` });
  return (
    <>
      <h3>
        {props.stage.stage} ({formatCount(props.stage.stalled)})
      </h3>
      <QueryState query={records}>
        {(data) => (
          <RecordsTable
            records={biggestFirst(data.records, ["amount", "ageDays", "daysInStage"]).slice(0, 10)}
            caption={`Deals stalled in ${props.stage.stage}, biggest first`}
            testId={`stalled-${props.stage.stage}`}
          />
        )}
      </QueryState>
    </>
  );
}
