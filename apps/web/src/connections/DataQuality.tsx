import { useQuery } from "@tanstack/react-query";
import { getPending } from "../api/pending";
import { QueryState } from "../layout/QueryState";
import { formatCount } from "../lib/format";
import type { DataQualityGroup } from "./connection-types";

const kindText: Record<string, string> = {
  unmapped_value: "Unmapped value",
  malformed_record: "Malformed record",
  missing_field: "Missing field",
  malformed_date: "Malformed date",
  huge_value: "Implausible value",
  unknown_reference: "Unknown reference",
};

/** What the sync kept but could not use: grouped, counted, with examples to fix in the CRM. */
export function DataQuality(props: { workspace: string }) {
  const problems = useQuery({
    queryKey: ["data-quality", props.workspace],
    queryFn: () => getPending<{ problems: DataQualityGroup[] }>(`/api/v1/workspaces/${props.workspace}/data-quality`),
  });
  return (
    <section aria-labelledby="dq-title" className="panel">
      <h2 id="dq-title">Data quality</h2>
      <QueryState query={problems}>
        {(data) =>
          data.problems.length === 0 ? (
            <p data-testid="dq-empty">
              <span aria-hidden="true">✓ </span>No problems found in the synced records.
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="data-quality">
                <caption className="visually-hidden">Data-quality problems with counts and examples</caption>
                <thead>
                  <tr>
                    <th scope="col">Problem</th>
                    <th scope="col">Object</th>
                    <th scope="col">Field</th>
                    <th scope="col">Records</th>
                    <th scope="col">Examples</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.problems]
                    .sort((a, b) => b.count - a.count)
                    .map((group) => (
                      <tr key={`${group.kind}:${group.object}:${group.field}`}>
                        <th scope="row">{kindText[group.kind] ?? group.kind}</th>
                        <td>{group.object}</td>
                        <td>
                          <code>{group.field || "—"}</code>
                        </td>
                        <td>{formatCount(group.count)}</td>
                        <td>
                          <ul className="plain-list">
                            {group.examples.slice(0, 3).map((example) => (
                              <li key={example.crmId}>
                                {example.crmUrl ? (
                                  <a href={example.crmUrl} target="_blank" rel="noreferrer">
                                    {example.crmId}
                                  </a>
                                ) : (
                                  example.crmId
                                )}
                                {example.value != null ? (
                                  <>
                                    {" "}
                                    <code>{example.value}</code>
                                  </>
                                ) : null}
                                {example.detail ? <span className="muted"> {example.detail}</span> : null}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
