import { formatDateTime } from "../lib/format";
import type { ReviewRecord } from "./review-types";

const hidden = new Set(["id", "kind", "crmUrl", "name"]);

/** Records behind a number: name with its CRM deep link, then whatever columns the API gives. */
export function RecordsTable(props: { records: ReviewRecord[]; caption: string; testId?: string }) {
  const columns = [...new Set(props.records.flatMap((r) => Object.keys(r)))].filter((c) => !hidden.has(c));
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={props.testId}>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {humanize(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.records.map((record) => (
            <tr key={`${record.kind}:${record.id}`}>
              <th scope="row">
                {record.crmUrl ? (
                  <a href={record.crmUrl} target="_blank" rel="noreferrer">
                    {record.name || record.id}
                    <span className="visually-hidden"> (opens in the CRM)</span>
                    <span aria-hidden="true"> ↗</span>
                  </a>
                ) : (
                  record.name || record.id
                )}
              </th>
              {columns.map((c) => (
                <td key={c}>{cellText(record[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .replace(/^./, (c) => c.toUpperCase());

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
