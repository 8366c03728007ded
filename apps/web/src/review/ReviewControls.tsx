import { isIsoWeek, lastCompleteWeek, shiftWeek, weekRangeLabel } from "../lib/weeks";
import { setSearchParams } from "../router";

/** Week and service line: every change goes into the URL, so the link reproduces the view. */
export function ReviewControls(props: {
  week: string;
  serviceLine: string | null;
  serviceLines: Array<{ key: string; label: string }>;
}) {
  const latest = lastCompleteWeek();
  return (
    <fieldset className="controls">
      <legend className="visually-hidden">Review filters</legend>
      <div className="control week-control">
        <button
          type="button"
          onClick={() => setSearchParams({ week: shiftWeek(props.week, -1) })}
          aria-label={`Previous week (${shiftWeek(props.week, -1)})`}
          data-testid="week-previous"
        >
          ‹
        </button>
        <label htmlFor="week-input">Week</label>
        <input
          id="week-input"
          type="week"
          value={props.week}
          max={latest}
          onChange={(event) => {
            if (isIsoWeek(event.target.value)) setSearchParams({ week: event.target.value });
          }}
          aria-describedby="week-range"
        />
        <button
          type="button"
          onClick={() => setSearchParams({ week: shiftWeek(props.week, 1) })}
          aria-label={`Next week (${shiftWeek(props.week, 1)})`}
          data-testid="week-next"
        >
          ›
        </button>
        <span id="week-range" className="muted">
          {weekRangeLabel(props.week)}
        </span>
      </div>
      <div className="control">
        <label htmlFor="service-line-select">Service line</label>
        <select
          id="service-line-select"
          value={props.serviceLine ?? ""}
          onChange={(event) =>
            setSearchParams({ serviceLine: event.target.value || null, drill: null, drillLine: null })
          }
        >
          <option value="">All service lines</option>
          {props.serviceLines.map((line) => (
            <option key={line.key} value={line.key}>
              {line.label}
            </option>
          ))}
          <option value="unassigned">Unassigned</option>
        </select>
      </div>
    </fieldset>
  );
}
