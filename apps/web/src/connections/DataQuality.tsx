import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";
import { formatCount, formatDateTime } from "../lib/format";
import type { DataQualityProblem } from "./connection-types";

const kindText: Record<string, string> = {
  unmapped_value: "Unmapped value",
  malformed_record: "Malformed record",
  missing_field: "Missing field",
  malformed_date: "Malformed date",
  huge_value: "Implausible value",
  unknown_reference: "Unknown reference",
};

interface ProblemGroup {
  kind: string;
  object: string;
  field: string;
  records: number;
  examples: DataQualityProblem[];
}

/** One line per (kind, object, field): how many records, and a few to look up in the CRM. */
function groupProblems(problems: DataQualityProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const problem of problems) {
    const key = `${problem.kind}|${problem.object}|${problem.field}`;
    const group = groups.get(key) ?? {
      kind: problem.kind,
      object: problem.object,
      field: problem.field,
      records: 0,
      examples: [],
    };
    group.records++;
    if (group.examples.length < 3) group.examples.push(problem);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.records - a.records);
}

/** What the sync kept but could not use, with counts per kind and examples to fix in the CRM. */
export function DataQuality(props: { workspace: string }) {
  const problems = useQuery({
    queryKey: ["data-quality", props.workspace],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/data-quality", {
          params: { path: { workspace: props.workspace }, query: { limit: 500 } },
        }),
      ),
  });
  return (
    <section aria-labelledby="dq-title" className="panel">
      <h2 id="dq-title">Data quality</h2>
      <QueryState query={problems}>
        {(data) =>
          data.total === 0 ? (
            <p data-testid="dq-empty">
              <span aria-hidden="true">✓ </span>No problems found in the synced records.
            </p>
          ) : (
            <>
              <ul className="kind-counts" data-testid="dq-counts">
                {Object.entries(data.byKind)
                  .sort((a, b) => b[1] - a[1])
                  .map(([kind, count]) => (
                    <li key={kind}>
                      <strong>{formatCount(count)}</strong> {kindText[kind] ?? kind}
                    </li>
                  ))}
              </ul>
              <div className="table-scroll">
                <table className="data-table" data-testid="data-quality">
                  <caption className="visually-hidden">Data-quality problems with counts and examples</caption>
                  <thead>
                    <tr>
                      <th scope="col">Problem</th>
                      <th scope="col">Object</th>
                      <th scope="col">Field</th>
                      <th scope="col">
                        Records{data.total > data.problems.length ? ` (among the first ${data.problems.length})` : ""}
                      </th>
                      <th scope="col">Examples</th>
                    </tr>
                  </thead>
                  <tbody>
                    {groupProblems(data.problems).map((group) => (
                      <tr key={`${group.kind}:${group.object}:${group.field}`}>
                        <th scope="row">{kindText[group.kind] ?? group.kind}</th>
                        <td>{group.object}</td>
                        <td>
                          <code>{group.field || "—"}</code>
                        </td>
                        <td>{formatCount(group.records)}</td>
                        <td>
                          <ul className="plain-list">
                            {group.examples.map((example) => (
                              <li key={`${example.connectionId}:${example.crmId}`}>
                                {example.object} {example.crmId}
                                {example.value !== null && (
                                  <>
                                    {" "}
                                    <code>{example.value}</code>
                                  </>
                                )}
                                <span className="muted">
                                  {" "}
                                  {example.message} (last seen {formatDateTime(example.lastSeen)})
                                </span>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {data.total > data.problems.length && (
                <p className="muted">
                  Showing {data.problems.length} of {formatCount(data.total)} records with problems.
                </p>
              )}
            </>
          )
        }
      </QueryState>
    </section>
  );
}
