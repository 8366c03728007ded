import { useQuery } from "@tanstack/react-query";
import { getPending } from "../api/pending";
import type { ReviewRecord } from "./review-types";

export interface RecordsQuery {
  workspace: string;
  week: string;
  asOf: string | null;
  metric: string;
  serviceLine: string;
}

const recordsPath = (workspace: string) => `/api/v1/workspaces/${workspace}/review/records`;

const params = (q: RecordsQuery) => ({
  week: q.week,
  metric: q.metric,
  serviceLine: q.serviceLine === "all" ? undefined : q.serviceLine,
  asOf: q.asOf ?? undefined,
});

/** The records behind one number of the review. */
export function useRecords(query: RecordsQuery | null) {
  return useQuery({
    queryKey: ["review-records", query],
    enabled: query !== null,
    queryFn: () =>
      getPending<{ records: ReviewRecord[] }>(recordsPath(query?.workspace ?? ""), params(query as RecordsQuery)),
  });
}

/** The same records as a CSV download (the API's export). */
export function recordsCsvUrl(query: RecordsQuery): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params(query), format: "csv" }))
    if (value !== undefined) search.set(name, value);
  return `${recordsPath(query.workspace)}?${search}`;
}
