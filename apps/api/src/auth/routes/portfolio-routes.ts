import { createRoute, z } from "@hono/zod-openapi";
import { newRouter } from "../../router.ts";
import { portfolioOf } from "../services/portfolio.ts";
import { requirePerson } from "./context.ts";
import { errorResponses, json, roleSchema } from "./schemas.ts";

const headline = z
  .object({
    workspace: z.string(),
    name: z.string(),
    role: roleSchema,
    responseTimeMedianMinutes: z.number().nullable().describe("median first response to MQLs, business minutes"),
    responseWithinSlaRate: z.number().nullable().describe("share of MQLs answered within the SLA (0..1)"),
    acceptanceRate: z.number().nullable().describe("share of MQLs accepted by sales (0..1)"),
    coverage: z.number().nullable().describe("open pipeline / remaining quota of the fiscal quarter"),
    breachesThisWeek: z.number().int().nullable().describe("SLA breaches raised since Monday"),
    dataFreshness: z
      .object({ lastSyncAt: z.string().nullable(), ageMinutes: z.number().nullable() })
      .describe("when the CRM data was last synced"),
    missing: z.array(z.string()).describe("headline numbers not available yet, and why"),
  })
  .openapi("PortfolioEntry");

export function portfolioRoutes() {
  return newRouter().openapi(
    createRoute({
      method: "get",
      path: "/portfolio",
      tags: ["portfolio"],
      summary: "Each workspace of the signed-in person with this week's headline numbers, worst first",
      description:
        "Worst first: most SLA breaches this week, then the lowest share of MQLs answered within SLA, then the oldest data.",
      responses: {
        200: json("The portfolio", z.object({ workspaces: z.array(headline) }).openapi("Portfolio")),
        ...errorResponses({ 401: "Not signed in" }),
      },
    }),
    async (c) => {
      const person = requirePerson(c);
      return c.json({ workspaces: await portfolioOf(c.get("deps"), person.userId) }, 200);
    },
  );
}
