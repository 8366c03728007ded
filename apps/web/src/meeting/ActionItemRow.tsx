import { formatDate } from "../lib/format";
import { InlineText } from "./InlineText";
import { type ActionItem, type ActionItemStatus, errorMessage, useChangeActionItem } from "./useMeeting";

const statusLabel: Record<ActionItemStatus, string> = { open: "Open", in_progress: "In progress", done: "Done" };

/** Due before today and not done. Dates are calendar dates, compared as text. */
export const isOverdue = (item: ActionItem, today: string) =>
  item.status !== "done" && item.dueDate !== null && item.dueDate < today;

/** The API names the field it refused ("Invalid json: owner: name who owns it"); that message goes next to it. */
function messageFor(field: "title" | "owner", error: unknown): string | null {
  const message = errorMessage(error);
  const match = message ? new RegExp(`(?:^|: |; )${field}: ([^;]+)`).exec(message) : null;
  return match?.[1] ?? null;
}

/** One action item: what, who, when, where it came from and its status, each changeable in place. */
export function ActionItemRow(props: {
  workspace: string;
  week: string;
  item: ActionItem;
  today: string;
  canEdit: boolean;
  onDelete: (item: ActionItem) => void;
}) {
  const { item } = props;
  const change = useChangeActionItem(props.workspace, props.week);
  const overdue = isOverdue(item, props.today);
  const titleError = messageFor("title", change.error);
  const ownerError = messageFor("owner", change.error);
  const otherError = change.isError && !titleError && !ownerError ? errorMessage(change.error) : null;
  return (
    <tr data-testid="action-item" data-status={item.status} className={`item-${item.status}`}>
      <th scope="row" className="item-title">
        <InlineText
          id={`title-${item.id}`}
          label={`Action of “${item.title}”`}
          value={item.title}
          disabled={!props.canEdit}
          required="Say what has to be done."
          error={titleError}
          onSave={(title) => change.mutate({ id: item.id, title })}
        />
        {otherError && (
          <span role="alert" className="field-error">
            {otherError}
          </span>
        )}
      </th>
      <td>
        <InlineText
          id={`owner-${item.id}`}
          label={`Owner of “${item.title}”`}
          value={item.owner}
          list="item-owners"
          disabled={!props.canEdit}
          required="Name who owns it."
          error={ownerError}
          onSave={(owner) => change.mutate({ id: item.id, owner })}
        />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`due-${item.id}`}>
          Due date of “{item.title}”
        </label>
        <input
          id={`due-${item.id}`}
          type="date"
          defaultValue={item.dueDate ?? ""}
          disabled={!props.canEdit}
          className="print-hidden"
          onBlur={(e) => {
            const dueDate = e.target.value || null;
            if (dueDate !== item.dueDate) change.mutate({ id: item.id, dueDate });
          }}
        />
        <span className="print-only">{formatDate(item.dueDate)}</span>
        {overdue && (
          <span className="state-badge state-red">
            <span aria-hidden="true">✕ </span>Overdue
          </span>
        )}
      </td>
      <td>
        {item.carriedOver ? (
          <span className="carried" data-testid="carried-over">
            <span aria-hidden="true">↪ </span>Carried from {item.createdWeek}
          </span>
        ) : (
          <span className="muted">This week</span>
        )}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`status-${item.id}`}>
          Status of “{item.title}”
        </label>
        <select
          id={`status-${item.id}`}
          value={item.status}
          disabled={change.isPending || !props.canEdit}
          onChange={(e) => change.mutate({ id: item.id, status: e.target.value as ActionItemStatus })}
        >
          {(Object.keys(statusLabel) as ActionItemStatus[]).map((status) => (
            <option key={status} value={status}>
              {statusLabel[status]}
            </option>
          ))}
        </select>
        {item.status === "done" && item.doneWeek && <span className="muted"> in {item.doneWeek}</span>}
      </td>
      <td>
        <button type="button" className="link-button" hidden={!props.canEdit} onClick={() => props.onDelete(item)}>
          Delete<span className="visually-hidden"> “{item.title}”</span>
        </button>
      </td>
    </tr>
  );
}
