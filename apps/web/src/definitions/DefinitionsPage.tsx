import { useEffect, useState } from "react";
import { ApiRequestError } from "../api/client";
import { Freshness } from "../layout/Freshness";
import { QueryState } from "../layout/QueryState";
import { WorkspaceGate } from "../layout/WorkspaceGate";
import { useAllowed } from "../lib/useRole";
import { useDefinitions } from "../review/useDefinitions";
import { CalendarsSection } from "./CalendarsSection";
import { changedSections, type Definitions, fieldErrors, setAt } from "./draft";
import { ErrorSummary } from "./ErrorSummary";
import type { DefinitionsForm } from "./Field";
import { History } from "./History";
import { ServiceLinesSection } from "./ServiceLinesSection";
import { SlaRulesSection } from "./SlaRulesSection";
import { SourceCategoriesSection } from "./SourceCategoriesSection";
import { StageMappingSection } from "./StageMappingSection";
import { TargetsSection } from "./TargetsSection";
import { useChangeDefinitions } from "./useDefinitionChanges";

// What the save button says it saves.
const sectionNames: Record<string, string> = {
  timezone: "time zone",
  fiscalYearStartMonth: "fiscal year",
  stageMapping: "stage mapping",
  serviceLines: "service lines",
  serviceLineMap: "service-line values",
  sourceCategoryMap: "source categories",
  calendars: "calendars",
  slaRules: "SLA rules",
  targets: "targets",
};

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
  const form: DefinitionsForm = {
    draft,
    edit: (path, value) => setDraft((d) => setAt(d, path, value)),
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
              {save.isPending
                ? "Saving…"
                : dirty
                  ? `Save ${Object.keys(changes)
                      .map((key) => sectionNames[key] ?? key)
                      .join(", ")}`
                  : "No changes"}
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
      <ErrorSummary errors={problems.byField} />
      <TargetsSection form={form} />
      <SlaRulesSection form={form} workspace={props.workspace} />
      <ServiceLinesSection form={form} workspace={props.workspace} />
      <SourceCategoriesSection form={form} />
      <StageMappingSection form={form} />
      <CalendarsSection form={form} />
    </form>
  );
}
