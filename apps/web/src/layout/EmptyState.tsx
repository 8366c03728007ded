/** What a new user sees instead of a blank page: what is missing and what to do next. */
export function EmptyState(props: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="empty-state" role="status" data-testid={props.testId ?? "empty-state"}>
      <p className="empty-title">{props.title}</p>
      <p>{props.children}</p>
    </div>
  );
}
