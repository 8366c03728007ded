import { useEffect, useState } from "react";
import type { components } from "../api/schema";
import { formatDateTime } from "../lib/format";
import { errorMessage, useSaveNotes } from "./useMeeting";

type Notes = components["schemas"]["ReviewNotes"];

/** The week's shared notes, and what was written last time for reference. */
export function NotesPanel(props: {
  workspace: string;
  week: string;
  notes: Notes | null;
  previous: Notes | null;
  canEdit: boolean;
}) {
  const save = useSaveNotes(props.workspace, props.week);
  const [draft, setDraft] = useState(props.notes?.body ?? "");
  // A different week (or someone else's save, after a refetch) replaces the draft.
  useEffect(() => setDraft(props.notes?.body ?? ""), [props.notes?.body]);
  const dirty = draft !== (props.notes?.body ?? "");
  return (
    <section aria-labelledby="notes-title" className="panel notes">
      <h2 id="notes-title">Notes</h2>
      <label htmlFor="notes-body" className="visually-hidden">
        Notes of the {props.week} review
      </label>
      <textarea
        id="notes-body"
        rows={10}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        readOnly={!props.canEdit}
        placeholder="Decisions, context and what changed since last week…"
        aria-describedby="notes-saved"
      />
      <div className="notes-actions">
        <button type="button" disabled={!dirty || save.isPending || !props.canEdit} onClick={() => save.mutate(draft)}>
          {save.isPending ? "Saving…" : "Save notes"}
        </button>
        <span id="notes-saved" className="muted" aria-live="polite">
          {dirty
            ? "Unsaved changes"
            : props.notes
              ? `Saved by ${props.notes.author}, ${formatDateTime(props.notes.updatedAt)}`
              : "No notes yet for this week"}
        </span>
      </div>
      {save.isError && (
        <p role="alert" className="field-error">
          {errorMessage(save.error)}
        </p>
      )}
      {props.previous && (
        <details className="previous-notes" open={!props.notes}>
          <summary>Last time ({props.previous.week})</summary>
          <p className="pre">{props.previous.body}</p>
        </details>
      )}
    </section>
  );
}
