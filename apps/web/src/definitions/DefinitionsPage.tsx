import { useEffect, useState } from "react";
import { ApiRequestError } from "../api/client";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { useAllowed } from "../lib/useRole";
import { useDefinitions } from "../review/useDefinitions";
import { changedSections, type Definitions, fieldErrors, setAt } from "./draft";
import { History } from "./History";
import { CalendarsSection, MappingSection, ServiceLinesSection, SlaRulesSection, TargetsSection } from "./Sections";
import { useChangeDefinitions } from "./useDefinitionChanges";

export default function DefinitionsPage() {
  return <WorkspaceGate>{(workspace) => <DefinitionsView workspace={workspace.id} />}</WorkspaceGate>;
}

function DefinitionsView(props: { workspace: string }) {
  const current = useDefinitions(props.workspace);
  return (
    <section aria-labelledby="definitions-title">
      <header className="page-head">
        <div>
          <h1 id="definitions-title">Definitions</h1>
          <p className="muted">
            The one agreed meaning of every number: sales and marketing change it here, and every change is a new
            version.
          </p>
          <Freshness workspace={props.workspace} />
        </div>
      </header>
      <QueryState query={current}>
        {(data) => (
          <Editor key={data.version} workspace={props.workspace} version={data.version} saved={data.definitions} />
        )}
      </QueryState>
      <History workspace={props.workspace} />
    </section>
  );
}

function Editor(props: { workspace: string; version: number; saved: Definitions }) {
  const canEdit = useAllowed(props.workspace, "admin");
  const [draft, setDraft] = useState(props.saved);
  const [note, setNote] = useState("");
  const save = useChangeDefinitions(props.workspace);
  useEffect(() => setDraft(props.saved), [props.saved]);
  const changes = changedSections(props.saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const problems =
    save.error instanceof ApiRequestError && save.error.body.code === "invalid_definitions"
      ? fieldErrors(save.error.body.message)
      : { byField: new Map<string, string>(), general: save.error ? [save.error.message] : [] };
  const sectionProps = {
    draft,
    edit: (path: Array<string | number>, value: unknown) => setDraft((d) => setAt(d, path, value)),
    errors: problems.byField,
    canEdit,
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ changes, note, basedOnVersion: props.version }, { onSuccess: () => setNote("") });
      }}
      aria-labelledby="definitions-title"
    >
      <div className="save-bar" data-testid="save-bar">
        <span>
          Version <strong data-testid="definitions-version">{props.version}</strong>
          {props.version === 0 ? " (defaults)" : ""}
          {!canEdit && " · read only: ask an admin to change the definitions"}
        </span>
        {canEdit && (
          <>
            <label htmlFor="change-note" className="visually-hidden">
              Why this change
            </label>
            <input
              id="change-note"
              placeholder="Why this change (shown in the history)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" disabled={!dirty || save.isPending}>
              {save.isPending ? "Saving…" : dirty ? `Save ${Object.keys(changes).join(", ")}` : "No changes"}
            </button>
            {dirty && (
              <button
                type="button"
                onClick={() => {
                  setDraft(props.saved);
                  save.reset();
                }}
              >
                Discard
              </button>
            )}
          </>
        )}
        <span aria-live="polite" className="muted">
          {save.isSuccess && !dirty ? `Saved as version ${save.data.version}; the numbers are being recomputed.` : ""}
        </span>
      </div>
      {problems.general.length > 0 && (
        <div role="alert" className="error-box">
          {problems.general.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {problems.byField.size > 0 && (
        <p role="alert" className="field-error">
          {problems.byField.size} field{problems.byField.size === 1 ? " needs" : "s need"} fixing: see the messages next
          to them.
        </p>
      )}
      <TargetsSection {...sectionProps} />
      <SlaRulesSection {...sectionProps} />
      <ServiceLinesSection {...sectionProps} />
      <MappingSection {...sectionProps} />
      <CalendarsSection draft={draft} />
    </form>
  );
}
