import { QueryState } from "../layout/QueryState";
import { formatDateTime } from "../lib/format";
import { setSearchParams, useSearchParam } from "../router";
import { useDefinitionHistory } from "./useDefinitionChanges";

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

/** Who changed what and when; picking a version shows its diff against the one before. */
export function History(props: { workspace: string }) {
  const history = useDefinitionHistory(props.workspace);
  const selected = useSearchParam("version");
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Version history</h2>
      <QueryState query={history}>
        {(data) => {
          if (data.versions.length === 0)
            return <p className="muted">Never changed: these are the default definitions (version 0).</p>;
          const shown = data.versions.find((v) => String(v.version) === selected) ?? data.versions[0];
          return (
            <div className="history-grid">
              <ol className="plain-list versions" data-testid="versions">
                {data.versions.map((v) => (
                  <li key={v.version}>
                    <button
                      type="button"
                      className="link-button"
                      aria-current={v.version === shown?.version ? "true" : undefined}
                      onClick={() => setSearchParams({ version: String(v.version) }, { replace: true })}
                    >
                      Version {v.version}
                    </button>{" "}
                    <span className="muted">
                      {v.createdBy}, {formatDateTime(v.createdAt)} · {v.diff.length} change
                      {v.diff.length === 1 ? "" : "s"}
                    </span>
                    {v.note && <div className="version-note">“{v.note}”</div>}
                  </li>
                ))}
              </ol>
              {shown && (
                <div>
                  <h3>
                    Version {shown.version} vs {shown.version - 1}
                  </h3>
                  <table className="data-table diff" data-testid="diff">
                    <caption className="visually-hidden">Changes in version {shown.version}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Field</th>
                        <th scope="col">Before</th>
                        <th scope="col">After</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.diff.map((change) => (
                        <tr key={change.path}>
                          <th scope="row">
                            <code>{change.path}</code>
                          </th>
                          <td className="diff-before">
                            <span className="visually-hidden">before: </span>
                            <del>{show(change.before)}</del>
                          </td>
                          <td className="diff-after">
                            <span className="visually-hidden">after: </span>
                            <ins>{show(change.after)}</ins>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
