/**
 * Reads the next page while the current one is being committed: the CRM request and the database
 * write overlap, so a rate-limited sync runs at the CRM's pace. At most `depth` pages wait in memory.
 * Cursors stay exact: pages are still committed one by one, in order.
 */
export async function* readAhead<T>(pages: AsyncGenerator<T>, depth = 1): AsyncGenerator<T> {
  const pending: Promise<IteratorResult<T>>[] = [];
  const fill = () => {
    while (pending.length < depth + 1) pending.push(pages.next());
  };
  try {
    for (;;) {
      fill();
      const next = await (pending.shift() as Promise<IteratorResult<T>>);
      if (next.done) return;
      fill();
      yield next.value;
    }
  } finally {
    // Stop the source; a page read ahead but never committed is simply read again next time.
    for (const waiting of pending) waiting.catch(() => {});
    await pages.return(undefined).catch(() => {});
  }
}
