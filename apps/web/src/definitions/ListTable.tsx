/** An editable list as a table: a header per column plus the remove column, what an empty list means, and "add". */
export function ListTable(props: {
  testId: string;
  caption?: string;
  columns: string[];
  rowCount: number;
  empty?: string;
  add: React.ReactNode;
  /** Where the error summary links to, with the API's message about the list as a whole. */
  id?: string;
  error?: string;
  children: React.ReactNode;
}) {
  const errorId = props.error && props.id ? `${props.id}-error` : undefined;
  return (
    <>
      <table className="data-table" data-testid={props.testId} id={props.id} aria-describedby={errorId}>
        {props.caption && <caption className="table-caption">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
      {props.error && (
        <p id={errorId} className="field-error" data-testid="field-error">
          {props.error}
        </p>
      )}
      {props.empty && props.rowCount === 0 && <p className="muted">{props.empty}</p>}
      {props.add}
    </>
  );
}
