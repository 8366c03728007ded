import { EmptyState } from "../layout/EmptyState";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { formatDateTime } from "../lib/format";
import { isIsoWeek, lastCompleteWeek } from "../lib/weeks";
import { useSearchParam } from "../router";
import { BreachesAndStalled } from "./BreachesAndStalled";
import { FunnelSection } from "./FunnelSection";
import { KpiCards, rowOf } from "./KpiCards";
import { RecordsDrawer } from "./RecordsDrawer";
import { ReviewControls } from "./ReviewControls";
import { ServiceLineTable } from "./ServiceLineTable";
import { firstTouchTargetMinutes, useDefinitions } from "./useDefinitions";
import { reviewCsvUrl, useReview } from "./useReview";
import { VelocitySection } from "./VelocitySection";

export default function WeeklyReviewPage() {
  return (
    <WorkspaceGate>{(workspace) => <WeeklyReview workspace={workspace.id} name={workspace.name} />}</WorkspaceGate>
  );
}

function WeeklyReview(props: { workspace: string; name: string }) {
  const weekParam = useSearchParam("week");
  const week = isIsoWeek(weekParam) ? weekParam : lastCompleteWeek();
  const serviceLine = useSearchParam("serviceLine");
  const asOf = useSearchParam("asOf");
  const reviewQuery = { workspace: props.workspace, week, serviceLine, asOf };
  const review = useReview(reviewQuery);
  // Asked once the numbers are in: sent together, the heavier trend request slowed the first answer.
  const withTrend = useReview(reviewQuery, true, review.isSuccess);
  const definitions = useDefinitions(props.workspace);
  const serviceLines = definitions.data?.definitions.serviceLines ?? [];
  const labels = new Map([
    ["all", "All service lines"],
    ["unassigned", "Unassigned"],
    ...serviceLines.map((l): [string, string] => [l.key, l.label]),
  ]);
  const line = serviceLine ?? "all";
  const lineLabel = (key: string) => labels.get(key) ?? key;

  return (
    <section aria-labelledby="review-title" className="review-page">
      <header className="page-head">
        <div>
          <h1 id="review-title">
            Weekly review <span className="muted">· {props.name}</span>
          </h1>
          <Freshness workspace={props.workspace} known={review.data?.freshness.connections} />
        </div>
        <div className="page-actions">
          <a className="button-link" href={reviewCsvUrl(reviewQuery)} download data-testid="review-csv">
            Export CSV
          </a>
          <button type="button" onClick={() => window.print()}>
            Print / PDF
          </button>
        </div>
      </header>
      <ReviewControls week={week} serviceLine={serviceLine} serviceLines={serviceLines} />
      <p className="print-only">
        {lineLabel(line)} · week {week}
      </p>
      <QueryState query={review}>
        {(data) => {
          const row = rowOf(data.rows, line);
          const quiet =
            row && row.responseTime.mqls + row.winRate.won + row.winRate.lost + row.coverage.openPipeline === 0;
          if (!row || quiet)
            return (
              <EmptyState title={`No data for ${week}`}>
                Nothing was synced for this week yet. Connect HubSpot or Salesforce on the{" "}
                <a href="/connections">Connections &amp; data</a> page, or pick an earlier week.
              </EmptyState>
            );
          const rules = definitions.data?.definitions.slaRules ?? [];
          return (
            <div data-testid="review" data-week={data.week}>
              <p className="muted as-of">
                {lineLabel(line)} · {data.week} ({formatDateTime(data.start)} – {formatDateTime(data.end)},{" "}
                {data.timezone}) · as of {formatDateTime(data.asOf)}
              </p>
              <KpiCards
                review={data}
                trend={withTrend.data?.trend ?? []}
                serviceLine={line}
                slaMinutes={firstTouchTargetMinutes(rules, line)}
              />
              <ServiceLineTable rows={data.rows} labels={labels} />
              <FunnelSection conversion={row.conversion} serviceLine={line} />
              <VelocitySection velocity={row.velocity} serviceLine={line} />
              <BreachesAndStalled
                workspace={props.workspace}
                week={week}
                asOf={asOf}
                serviceLine={line}
                breached={row.responseTime.breached}
                velocity={row.velocity}
              />
            </div>
          );
        }}
      </QueryState>
      <RecordsDrawer workspace={props.workspace} week={week} asOf={asOf} lineLabel={lineLabel} />
    </section>
  );
}
