import { EmptyState } from "../layout/EmptyState";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { useAllowed } from "../lib/useRole";
import { isIsoWeek, lastCompleteWeek, shiftWeek, weekRangeLabel } from "../lib/weeks";
import { Link, setSearchParams, useSearchParam } from "../router";
import { isOverdue } from "./ActionItemRow";
import { ActionItemsTable } from "./ActionItemsTable";
import { AddActionItem } from "./AddActionItem";
import { NotesPanel } from "./NotesPanel";
import { useMeeting } from "./useMeeting";

export default function MeetingPage() {
  return <WorkspaceGate>{(workspace) => <Meeting workspace={workspace.id} />}</WorkspaceGate>;
}

function Meeting(props: { workspace: string }) {
  const weekParam = useSearchParam("week");
  const week = isIsoWeek(weekParam) ? weekParam : lastCompleteWeek();
  const meeting = useMeeting(props.workspace, week);
  const canEdit = useAllowed(props.workspace, "editor");
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="meeting-title">
      <header className="page-head">
        <div>
          <h1 id="meeting-title">Review meeting · {week}</h1>
          <Freshness workspace={props.workspace} />
        </div>
        <nav className="week-control" aria-label="Meeting week">
          <button
            type="button"
            data-testid="week-previous"
            onClick={() => setSearchParams({ week: shiftWeek(week, -1) })}
          >
            ‹ {shiftWeek(week, -1)}
          </button>
          <span className="muted">{weekRangeLabel(week)}</span>
          <button type="button" data-testid="week-next" onClick={() => setSearchParams({ week: shiftWeek(week, 1) })}>
            {shiftWeek(week, 1)} ›
          </button>
          <Link to={`/?week=${week}&workspace=${props.workspace}`}>Open the {week} numbers</Link>
        </nav>
      </header>
      <QueryState query={meeting}>
        {(data) => {
          const items = data.actionItems;
          const owners = [...new Set(items.map((i) => i.owner))].sort();
          const count = (predicate: (i: (typeof items)[number]) => boolean) => items.filter(predicate).length;
          return (
            <div className="meeting-grid">
              <section aria-labelledby="agenda-title" className="panel">
                <h2 id="agenda-title">Action items</h2>
                {/* Owners so far, offered when an owner is typed (new items and changes in place). */}
                <datalist id="item-owners">
                  {owners.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
                <p className="agenda-summary" data-testid="agenda-summary">
                  {count((i) => i.status === "open")} open · {count((i) => i.status === "in_progress")} in progress ·{" "}
                  {count((i) => i.status === "done")} done this week ·{" "}
                  {count((i) => i.carriedOver && i.status !== "done")} carried over ·{" "}
                  {count((i) => isOverdue(i, today))} overdue
                </p>
                {items.length === 0 ? (
                  <EmptyState title="No action items on this week's agenda">
                    Add what the meeting agrees below: it stays on every following week's agenda until it is done.
                  </EmptyState>
                ) : (
                  <ActionItemsTable
                    workspace={props.workspace}
                    week={week}
                    items={items}
                    today={today}
                    canEdit={canEdit}
                  />
                )}
                {canEdit ? (
                  <AddActionItem workspace={props.workspace} week={week} />
                ) : (
                  <p className="muted" data-testid="meeting-read-only">
                    Read only: editors add and update action items.
                  </p>
                )}
              </section>
              <NotesPanel
                workspace={props.workspace}
                week={week}
                notes={data.notes}
                previous={data.previousNotes}
                canEdit={canEdit}
              />
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
