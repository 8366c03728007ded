import { ActionItemRow } from "./ActionItemRow";
import { type ActionItem, errorMessage, useDeleteActionItem } from "./useMeeting";

/** The agenda: each item with who, when, where it came from and its status, changeable in place. */
export function ActionItemsTable(props: {
  workspace: string;
  week: string;
  items: ActionItem[];
  today: string;
  canEdit: boolean;
}) {
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
            {props.items.map((item) => (
              <ActionItemRow
                key={item.id}
                workspace={props.workspace}
                week={props.week}
                item={item}
                today={props.today}
                canEdit={props.canEdit}
                onDelete={(doomed) => {
                  if (window.confirm(`Delete “${doomed.title}”? Use Done for finished work.`)) remove.mutate(doomed.id);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {remove.isError && (
        <p role="alert" className="field-error">
          {errorMessage(remove.error)}
        </p>
      )}
    </>
  );
}
