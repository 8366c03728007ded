import { useEffect, useRef } from "react";
import { QueryState } from "../layout/QueryState";
import { useSearchParam } from "../router";
import { closeDrill } from "./drill";
import { RecordsTable } from "./RecordsTable";
import { recordsCsvUrl, useRecords } from "./useRecords";

/** The records behind the number in the URL (?drill=metric&drillLine=line), as a modal side panel. */
export function RecordsDrawer(props: {
  workspace: string;
  week: string;
  asOf: string | null;
  lineLabel: (line: string) => string;
}) {
  const metric = useSearchParam("drill");
  const serviceLine = useSearchParam("drillLine") ?? "all";
  const query = metric ? { workspace: props.workspace, week: props.week, asOf: props.asOf, metric, serviceLine } : null;
  const records = useRecords(query);
  const closeButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    if (!metric) return;
    opener.current = document.activeElement;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") closeDrill();
      if (event.key === "Tab") keepFocusInside(event, closeButton.current?.closest("[role=dialog]"));
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, [metric]);

  if (!query) return null;
  const title = `${describeMetric(query.metric)} — ${props.lineLabel(serviceLine)}, ${props.week}`;
  return (
    <div className="drawer-backdrop">
      <button type="button" className="drawer-scrim" tabIndex={-1} aria-hidden="true" onClick={closeDrill} />
      <aside
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="drawer-title"
        data-testid="records-drawer"
      >
        <header className="drawer-head">
          <h2 id="drawer-title">{title}</h2>
          <button type="button" ref={closeButton} onClick={closeDrill}>
            Close<span className="visually-hidden"> the records</span>
          </button>
        </header>
        <QueryState query={records}>
          {(data) => (
            <>
              <p className="drawer-meta">
                <span data-testid="records-count">{data.total}</span> record{data.total === 1 ? "" : "s"}
                {data.total > data.records.length ? ` (first ${data.records.length} shown)` : ""} ·{" "}
                <a href={recordsCsvUrl(query)} download data-testid="records-csv">
                  Download CSV
                </a>
              </p>
              {data.records.length === 0 ? (
                <p className="muted">No records behind this number.</p>
              ) : (
                <RecordsTable records={data.records} metric={query.metric} caption={title} testId="records-table" />
              )}
            </>
          )}
        </QueryState>
      </aside>
    </div>
  );
}

const names: Record<string, string> = {
  responseTime: "Response time",
  acceptance: "Acceptance",
  coverage: "Coverage",
  conversion: "Funnel",
  velocity: "Stage velocity",
  winRate: "Win rate",
  sourceMix: "Source mix",
};

/** "responseTime.breached" → "Response time: breached". */
function describeMetric(metric: string): string {
  const [family = "", ...rest] = metric.split(".");
  const detail = rest
    .join(" ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return `${names[family] ?? family}: ${detail}`;
}

/** A modal keeps Tab inside it: from the last control back to the first, and the other way. */
function keepFocusInside(event: KeyboardEvent, dialog: Element | null | undefined) {
  if (!dialog) return;
  const focusable = dialog.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input, select, textarea");
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
