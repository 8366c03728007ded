import { createRoute, z } from "@hono/zod-openapi";
import { acknowledgeAlert, deliveriesOfAlerts, listAlerts } from "@revops/db";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import { actorOf } from "../services/actor.ts";
import { alertListQuery, alertSchema, toAlert, toDeliveryStatus } from "../services/alerts/alerts-schema.ts";
import { requireWorkspace } from "../services/alerts/manage-channels.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const alertParams = params.extend({
  alertId: z
    .string()
    .uuid()
    .openapi({ param: { name: "alertId", in: "path" } }),
});
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const failures = {
  400: { description: "Invalid input, naming the field", ...json(errorBodySchema) },
  404: { description: "No such workspace or alert", ...json(errorBodySchema) },
};

const alertPageSchema = z
  .object({ alerts: z.array(alertSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi("AlertPage");

/** SLA alerts (at risk, breached, escalated) with the delivery status of each channel. */
export function alertRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/alerts",
        tags: ["alerts"],
        summary: "Alerts, newest threshold first, filterable and paginated, with every channel's delivery status",
        request: { params, query: alertListQuery },
        responses: { 200: { description: "A page of alerts", ...json(alertPageSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const query = c.req.valid("query");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const db = deps.database.db;
        const page = await listAlerts(db, {
          workspaceId: workspace,
          filters: {
            ...(query.kind ? { kind: query.kind } : {}),
            ...(query.rule ? { ruleKey: query.rule } : {}),
            ...(query.entity ? { entityId: query.entity } : {}),
            ...(query.owner ? { ownerId: query.owner } : {}),
            ...(query.acknowledged ? { acknowledged: query.acknowledged === "true" } : {}),
            ...(query.from ? { from: new Date(query.from) } : {}),
            ...(query.to ? { to: new Date(query.to) } : {}),
          },
          limit: query.limit,
          offset: query.offset,
        });
        const deliveries = await deliveriesOfAlerts(db, {
          workspaceId: workspace,
          alertIds: page.alerts.map((a) => a.id),
        });
        const alerts = page.alerts.map((alert) =>
          toAlert(alert, deliveries.filter((d) => d.alertId === alert.id).map(toDeliveryStatus)),
        );
        return c.json({ alerts, total: page.total, limit: query.limit, offset: query.offset }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/alerts/{alertId}/acknowledge",
        tags: ["alerts"],
        summary: "Acknowledge an alert (the first acknowledgement is kept)",
        request: { params: alertParams },
        responses: { 200: { description: "The alert", ...json(alertSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, alertId } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const db = deps.database.db;
        const alert = await acknowledgeAlert(db, { workspaceId: workspace, alertId, by: actorOf(c), now: new Date() });
        if (!alert) throw notFound(`Alert "${alertId}"`);
        const deliveries = await deliveriesOfAlerts(db, { workspaceId: workspace, alertIds: [alertId] });
        return c.json(toAlert(alert, deliveries.map(toDeliveryStatus)), 200);
      },
    );
}
