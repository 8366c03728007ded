export function ComingSoon(props: { title: string; next: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <p className="empty-state">{props.next}</p>
    </section>
  );
}
