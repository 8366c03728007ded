import { useState } from "react";
import { errorMessage, useAddActionItem } from "./useMeeting";

/** A new action item agreed in this week's meeting; messages sit next to the field they concern. */
export function AddActionItem(props: { workspace: string; week: string }) {
  const add = useAddActionItem(props.workspace, props.week);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [touched, setTouched] = useState(false);
  const titleError = touched && !title.trim() ? "Say what has to be done." : null;
  const ownerError = touched && !owner.trim() ? "Name who owns it." : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!title.trim() || !owner.trim()) return;
    add.mutate(
      { title: title.trim(), owner: owner.trim(), dueDate: dueDate || null },
      {
        onSuccess: () => {
          setTitle("");
          setDueDate("");
          setTouched(false);
        },
      },
    );
  };

  return (
    <form className="add-item" onSubmit={submit} aria-labelledby="add-item-title" noValidate>
      <h3 id="add-item-title">Add an action item</h3>
      <div className="field grow">
        <label htmlFor="item-title">What</label>
        <input
          id="item-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? "item-title-error" : undefined}
          placeholder="e.g. Call back every breached EMEA lead"
        />
        {titleError && (
          <span id="item-title-error" className="field-error">
            {titleError}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="item-owner">Owner</label>
        <input
          id="item-owner"
          list="item-owners"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          aria-invalid={ownerError ? true : undefined}
          aria-describedby={ownerError ? "item-owner-error" : undefined}
        />
        {ownerError && (
          <span id="item-owner-error" className="field-error">
            {ownerError}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="item-due">Due</label>
        <input id="item-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </div>
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add"}
      </button>
      {add.isError && (
        <p role="alert" className="field-error">
          {errorMessage(add.error)}
        </p>
      )}
    </form>
  );
}
