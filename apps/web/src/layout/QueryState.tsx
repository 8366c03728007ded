import type { UseQueryResult } from "@tanstack/react-query";
import { ApiRequestError } from "../api/client";

/** Loading and error states shared by every page: the API's own message, and a retry. */
export function QueryState<T>(props: { query: UseQueryResult<T>; children: (data: T) => React.ReactNode }) {
  const { query } = props;
  if (query.isPending) return <p aria-live="polite">Loading…</p>;
  if (query.isError) {
    const error = query.error;
    return (
      <div role="alert" className="error-box">
        <p>{error instanceof ApiRequestError ? error.body.message : "The server could not be reached."}</p>
        {error instanceof ApiRequestError && <p className="muted">Request id: {error.body.requestId}</p>}
        <button type="button" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  return <>{props.children(query.data)}</>;
}
