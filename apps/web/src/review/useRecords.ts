import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { jsonBody } from "../api/json-body";

export interface RecordsQuery {
  workspace: string;
  week: string;
  asOf: string | null;
  metric: string;
  serviceLine: string;
  /** The API's order (default: by start); with `limit`, the first records of that order. */
  order?: "start" | "wait" | "amount";
  limit?: number;
}

/** The drawer shows up to this many; the CSV export has them all. */
const recordsShown = 1000;

/** The records behind one number of the review. */
export function useRecords(query: RecordsQuery | null) {
  return useQuery({
    queryKey: ["review-records", query],
    enabled: query !== null,
    queryFn: async () => {
      const q = query as RecordsQuery;
      return jsonBody(
        unwrap(
          await api.GET("/api/v1/workspaces/{workspace}/review/records", {
            params: {
              path: { workspace: q.workspace },
              query: {
                week: q.week,
                metric: q.metric,
                serviceLine: q.serviceLine,
                asOf: q.asOf ?? undefined,
                order: q.order,
                limit: q.limit ?? recordsShown,
              },
            },
          }),
        ),
      );
    },
  });
}

/** The same records as a CSV download (the API's export, every record). */
export function recordsCsvUrl(query: RecordsQuery): string {
  const search = new URLSearchParams({
    week: query.week,
    metric: query.metric,
    serviceLine: query.serviceLine,
    format: "csv",
  });
  if (query.asOf) search.set("asOf", query.asOf);
  return `/api/v1/workspaces/${query.workspace}/review/records?${search}`;
}
