import { dash, formatDate, formatDateTime, formatMinutes, formatMoney } from "../lib/format";
import type { ReviewRecord } from "./review-types";

interface Column {
  label: string;
  cell: (r: ReviewRecord) => React.ReactNode;
}

const hours = (h: number | null) => (h == null ? dash : `${h.toFixed(1)} h`);
const days = (d: number | null) => (d == null ? dash : `${d.toFixed(1)} d`);
const text = (v: string | null) => v ?? dash;

const owner: Column = { label: "Owner", cell: (r) => r.ownerName ?? r.ownerCrmId ?? dash };
const line: Column = { label: "Service line", cell: (r) => r.serviceLine };
const provenance: Column = { label: "Timestamp from", cell: (r) => text(r.provenance) };

/** The columns that explain each family of numbers; the CSV export carries every field. */
const columnsByFamily: Record<string, Column[]> = {
  responseTime: [
    owner,
    line,
    { label: "Source", cell: (r) => r.sourceCategory },
    { label: "MQL at", cell: (r) => formatDateTime(r.startAt) },
    { label: "First touch", cell: (r) => formatDateTime(r.firstTouchAt) },
    { label: "Response", cell: (r) => formatMinutes(r.wallMinutes) },
    { label: "Business time", cell: (r) => formatMinutes(r.businessMinutes) },
    { label: "SLA", cell: (r) => text(r.sla) },
    provenance,
  ],
  acceptance: [
    owner,
    line,
    { label: "MQL at", cell: (r) => formatDateTime(r.startAt) },
    { label: "Outcome", cell: (r) => text(r.outcome) },
    { label: "Decided", cell: (r) => formatDateTime(r.decidedAt) },
    { label: "Time to decision", cell: (r) => hours(r.hoursToDecision) },
    provenance,
  ],
  conversion: [
    owner,
    line,
    { label: "Source", cell: (r) => r.sourceCategory },
    { label: "MQL at", cell: (r) => formatDateTime(r.startAt) },
    { label: "Reached at", cell: (r) => formatDateTime(r.endAt) },
    provenance,
  ],
  velocity: [
    { label: "Type", cell: (r) => r.recordType },
    owner,
    line,
    { label: "Entered", cell: (r) => formatDateTime(r.startAt) },
    { label: "Left", cell: (r) => formatDateTime(r.endAt) },
    { label: "Days in stage", cell: (r) => days(r.days) },
    { label: "Amount", cell: (r) => formatMoney(r.amount) },
    provenance,
  ],
  deal: [
    owner,
    line,
    { label: "Stage", cell: (r) => text(r.stage) },
    { label: "Amount", cell: (r) => formatMoney(r.amount) },
    { label: "Close date", cell: (r) => formatDate(r.closeDate) },
    { label: "Probability", cell: (r) => (r.probability == null ? dash : `${Math.round(r.probability * 100)}%`) },
    { label: "Source", cell: (r) => r.sourceCategory },
  ],
};

const columnsFor = (metric: string) => columnsByFamily[metric.split(".")[0] ?? ""] ?? columnsByFamily.deal ?? [];

const recordName = (r: ReviewRecord) =>
  r.name ?? `${r.recordType === "lead" ? "Lead" : "Deal"} ${r.crmId ?? r.recordId}`;

/** Records behind a number: the name links to the record in its CRM. */
export function RecordsTable(props: { records: ReviewRecord[]; metric: string; caption: string; testId?: string }) {
  const columns = columnsFor(props.metric);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={props.testId}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.records.map((record) => (
            <tr
              key={`${record.recordId}:${record.cycleIndex ?? ""}:${record.stage ?? ""}:${record.startAt ?? ""}`}
              data-testid="record-row"
            >
              <th scope="row">
                {record.link ? (
                  <a href={record.link} target="_blank" rel="noreferrer">
                    {recordName(record)}
                    <span className="visually-hidden">
                      {" "}
                      (opens in {record.crm === "salesforce" ? "Salesforce" : "HubSpot"})
                    </span>
                    <span aria-hidden="true"> ↗</span>
                  </a>
                ) : (
                  recordName(record)
                )}
                {record.cycleIndex !== null && record.cycleIndex > 0 && (
                  <span className="muted"> (cycle {record.cycleIndex + 1})</span>
                )}
              </th>
              {columns.map((c) => (
                <td key={c.label}>{c.cell(record)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
