import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { jsonBody } from "../api/json-body";

export interface ReviewQuery {
  workspace: string;
  week: string;
  serviceLine: string | null;
  asOf: string | null;
}

/**
 * The review of a week. `withTrend` adds the 12-week trend, which costs the API twelve more weeks:
 * the page asks once without it (the numbers show first) and once with it (the sparklines follow).
 * `enabled: false` holds the request back (the trend waits for the numbers so the two do not compete).
 */
export function useReview(query: ReviewQuery, withTrend = false, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["review", query.workspace, query.week, query.serviceLine, query.asOf, withTrend],
    queryFn: async () =>
      jsonBody(
        unwrap(
          await api.GET("/api/v1/workspaces/{workspace}/review", {
            params: {
              path: { workspace: query.workspace },
              query: {
                week: query.week,
                serviceLine: query.serviceLine ?? undefined,
                asOf: query.asOf ?? undefined,
                trend: withTrend ? "true" : "false",
              },
            },
          }),
        ),
      ),
  });
}

/** The review's own CSV export (one line per week, service line, metric and figure). */
export function reviewCsvUrl(query: ReviewQuery): string {
  const search = new URLSearchParams({ week: query.week, format: "csv" });
  if (query.serviceLine) search.set("serviceLine", query.serviceLine);
  if (query.asOf) search.set("asOf", query.asOf);
  return `/api/v1/workspaces/${query.workspace}/review?${search}`;
}
