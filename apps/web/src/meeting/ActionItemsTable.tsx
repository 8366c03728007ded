import { formatDate } from "../lib/format";
import {
  type ActionItem,
  type ActionItemStatus,
  errorMessage,
  useChangeActionItem,
  useDeleteActionItem,
} from "./useMeeting";

const statusLabel: Record<ActionItemStatus, string> = { open: "Open", in_progress: "In progress", done: "Done" };

/** Due before today and not done. Dates are calendar dates, compared as text. */
export const isOverdue = (item: ActionItem, today: string) =>
  item.status !== "done" && item.dueDate !== null && item.dueDate < today;

/** The agenda: each item with who, when, where it came from and its status, changeable in place. */
export function ActionItemsTable(props: {
  workspace: string;
  week: string;
  items: ActionItem[];
  today: string;
  canEdit: boolean;
}) {
  const change = useChangeActionItem(props.workspace, props.week);
  const remove = useDeleteActionItem(props.workspace);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table action-items" data-testid="action-items">
          <caption className="visually-hidden">Action items on the agenda of {props.week}</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Agreed</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => {
              const overdue = isOverdue(item, props.today);
              return (
                <tr key={item.id} data-testid="action-item" data-status={item.status} className={`item-${item.status}`}>
                  <th scope="row" className="item-title">
                    {item.title}
                  </th>
                  <td>{item.owner}</td>
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
                    <button
                      type="button"
                      className="link-button"
                      hidden={!props.canEdit}
                      onClick={() => {
                        if (window.confirm(`Delete “${item.title}”? Use Done for finished work.`))
                          remove.mutate(item.id);
                      }}
                    >
                      Delete<span className="visually-hidden"> “{item.title}”</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(change.isError || remove.isError) && (
        <p role="alert" className="field-error">
          {errorMessage(change.error ?? remove.error)}
        </p>
      )}
    </>
  );
}
