/**
 * Reads the next pages while the current ones are being committed: the CRM request and the database
 * write overlap, so a rate-limited sync runs at the CRM's pace. At most `depth` + 1 pages are asked for
 * ahead. Yields the pages in order, in batches: the next page, plus those that arrived meanwhile (a
 * database slower than the CRM then commits them together, one transaction instead of one each).
 */
export async function* readAhead<T>(pages: AsyncGenerator<T>, depth = 1): AsyncGenerator<T[]> {
  const pending: Pending<T>[] = [];
  const fill = () => {
    while (pending.length < depth + 1) pending.push(track(pages.next()));
  };
  try {
    for (;;) {
      fill();
      const next = await (pending.shift() as Pending<T>).promise;
      if (next.done) return;
      const batch = [next.value];
      for (let head = pending[0]; head?.result && !head.result.done; head = pending[0]) {
        batch.push(head.result.value);
        pending.shift();
      }
      fill();
      yield batch;
    }
  } finally {
    // Stop the source; a page read ahead but never committed is simply read again next time.
    for (const waiting of pending) waiting.promise.catch(() => {});
    await pages.return(undefined).catch(() => {});
  }
}

interface Pending<T> {
  promise: Promise<IteratorResult<T>>;
  /** Set once the page has arrived. */
  result?: IteratorResult<T>;
}

function track<T>(promise: Promise<IteratorResult<T>>): Pending<T> {
  const entry: Pending<T> = { promise };
  promise.then(
    (result) => {
      entry.result = result;
    },
    () => {},
  );
  return entry;
}
