import { useQuery } from "@tanstack/react-query";
import { getPending } from "../api/pending";
import type { Review } from "./review-types";

export interface ReviewQuery {
  workspace: string;
  week: string;
  serviceLine: string | null;
  asOf: string | null;
}

export function useReview(query: ReviewQuery) {
  return useQuery({
    queryKey: ["review", query.workspace, query.week, query.serviceLine, query.asOf],
    queryFn: () =>
      getPending<Review>(`/api/v1/workspaces/${query.workspace}/review`, {
        week: query.week,
        serviceLine: query.serviceLine ?? undefined,
        asOf: query.asOf ?? undefined,
        trend: "true",
      }),
  });
}

/** The review's own CSV export (one line per week, service line, metric and figure). */
export function reviewCsvUrl(query: ReviewQuery): string {
  const search = new URLSearchParams({ week: query.week, format: "csv" });
  if (query.serviceLine) search.set("serviceLine", query.serviceLine);
  if (query.asOf) search.set("asOf", query.asOf);
  return `/api/v1/workspaces/${query.workspace}/review?${search}`;
}
