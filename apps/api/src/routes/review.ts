import { createRoute, z } from "@hono/zod-openapi";
import { errorBodySchema } from "../errors.ts";
import { newRouter } from "../router.ts";
import { DRILLDOWN_METRICS } from "../services/review/drilldown-metrics.ts";
import { drilldownSchema } from "../services/review/drilldown-schema.ts";
import { readDrilldown } from "../services/review/read-drilldown.ts";
import { readReview } from "../services/review/read-review.ts";
import { drilldownCsv, reviewCsv } from "../services/review/review-csv.ts";
import {
  asOfOrNow,
  asOfQuery,
  definitionsVersionQuery,
  serviceLineQuery,
  weekQuery,
} from "../services/review/review-params.ts";
import { reviewSchema } from "../services/review/review-schema.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const errors = {
  400: {
    description: "Bad week, asOf, service line or version",
    content: { "application/json": { schema: errorBodySchema } },
  },
  404: {
    description: "No such workspace or definitions version",
    content: { "application/json": { schema: errorBodySchema } },
  },
};

export function reviewRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/review",
        tags: ["review"],
        summary: "The weekly revenue review of week W as of T (spec §7), with W−1 and a 12-week trend",
        description:
          "Read from the precomputed facts. With definitionsVersion set to an older version the numbers are recomputed on the fly from the synced records under that version (slower: a full recompute for one request). format=csv returns one line per week, service line and metric.",
        request: {
          params,
          query: z.object({
            week: weekQuery,
            asOf: asOfQuery,
            serviceLine: serviceLineQuery,
            definitionsVersion: definitionsVersionQuery,
            trend: z.enum(["true", "false"]).default("true").openapi({ description: "include the 12-week trend" }),
            format: z.enum(["json", "csv"]).default("json"),
          }),
        },
        responses: {
          200: {
            description: "The review",
            content: { "application/json": { schema: reviewSchema }, "text/csv": { schema: z.string() } },
          },
          ...errors,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const query = c.req.valid("query");
        const review = await readReview(c.get("deps"), {
          workspaceId: workspace,
          week: query.week,
          asOf: asOfOrNow(query.asOf),
          serviceLine: query.serviceLine,
          trend: query.trend === "true" && query.format === "json",
          definitionsVersion: query.definitionsVersion,
        });
        if (query.format === "csv") {
          c.header("content-type", "text/csv; charset=utf-8");
          c.header("content-disposition", `attachment; filename="review-${workspace}-${query.week}.csv"`);
          return c.body(reviewCsv(review), 200);
        }
        return c.json(review, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/review/records",
        tags: ["review"],
        summary: "The records behind one count of the review (drill-down), paginated; format=csv exports all of them",
        request: {
          params,
          query: z.object({
            week: weekQuery,
            metric: z.string().openapi({
              example: "responseTime.breached",
              description: `one of ${DRILLDOWN_METRICS.join(", ")}`,
            }),
            asOf: asOfQuery,
            serviceLine: z.string().min(1).default("all").openapi({ example: "all" }),
            definitionsVersion: definitionsVersionQuery,
            cursor: z.string().optional().openapi({ description: "nextCursor of the previous page" }),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            order: z.enum(["start", "wait", "amount"]).default("start").openapi({
              description:
                "start: by start time; wait: the longest response (or wait so far, by asOf) first; amount: the biggest deal first, then the longest in stage",
            }),
            format: z.enum(["json", "csv"]).default("json"),
          }),
        },
        responses: {
          200: {
            description: "The records",
            content: { "application/json": { schema: drilldownSchema }, "text/csv": { schema: z.string() } },
          },
          ...errors,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const query = c.req.valid("query");
        const csv = query.format === "csv";
        const result = await readDrilldown(c.get("deps"), {
          workspaceId: workspace,
          week: query.week,
          asOf: asOfOrNow(query.asOf),
          serviceLine: query.serviceLine,
          metric: query.metric,
          definitionsVersion: query.definitionsVersion,
          cursor: csv ? undefined : query.cursor,
          limit: csv ? Number.MAX_SAFE_INTEGER : query.limit,
          order: query.order,
        });
        if (csv) {
          c.header("content-type", "text/csv; charset=utf-8");
          c.header(
            "content-disposition",
            `attachment; filename="review-${workspace}-${query.week}-${query.metric}.csv"`,
          );
          return c.body(drilldownCsv(result.records), 200);
        }
        return c.json(result, 200);
      },
    );
}
