import { createRoute, z } from "@hono/zod-openapi";
import { addDigestSubscriber, listDigestSubscribers, removeDigestSubscriber } from "@revops/db";
import { buildDigest, renderDigest } from "@revops/worker/alerts";
import { auditChange } from "../auth/audit.ts";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import { requireWorkspace } from "../services/alerts/manage-channels.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const subscriberParams = params.extend({
  email: z.email().openapi({ param: { name: "email", in: "path" } }),
});
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const failures = {
  400: { description: "Invalid input, naming the field", ...json(errorBodySchema) },
  404: { description: "No such workspace or subscriber", ...json(errorBodySchema) },
};
const subscribersSchema = z.object({ subscribers: z.array(z.string()) }).openapi("DigestSubscribers");
const previewSchema = z
  .object({
    week: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    slack: z.object({ text: z.string(), blocks: z.array(z.unknown()) }),
  })
  .openapi("DigestPreview");

/** The weekly digest: who gets it, and what it would say. */
export function digestRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/digest/subscribers",
        tags: ["alerts"],
        summary: "Who receives the Monday 08:00 digest by email",
        request: { params },
        responses: { 200: { description: "Subscribers", ...json(subscribersSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        return c.json({ subscribers: await listDigestSubscribers(deps.database.db, { workspaceId: workspace }) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/digest/subscribers",
        tags: ["alerts"],
        summary: "Subscribe an address to the digest (subscribing twice is harmless)",
        request: { params, body: { required: true, ...json(z.object({ email: z.email() })) } },
        responses: { 200: { description: "Subscribers", ...json(subscribersSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const { email } = c.req.valid("json");
        await addDigestSubscriber(deps.database.db, { workspaceId: workspace, email });
        // The digest carries the workspace's numbers out by email: who receives it is worth a trail.
        await auditChange(c, { workspaceId: workspace, action: "digest.subscribed", target: email });
        return c.json({ subscribers: await listDigestSubscribers(deps.database.db, { workspaceId: workspace }) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/digest/subscribers/{email}",
        tags: ["alerts"],
        summary: "Unsubscribe an address",
        request: { params: subscriberParams },
        responses: { 204: { description: "Removed" }, ...failures },
      }),
      async (c) => {
        const { workspace, email } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        if (!(await removeDigestSubscriber(deps.database.db, { workspaceId: workspace, email }))) {
          throw notFound(`Subscriber "${email}"`);
        }
        await auditChange(c, { workspaceId: workspace, action: "digest.unsubscribed", target: email });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/digest/preview",
        tags: ["alerts"],
        summary: "The digest as it would be sent now (default: the last complete week in the workspace zone)",
        request: {
          params,
          query: z.object({
            week: z
              .string()
              .regex(/^\d{4}-W\d{2}$/, "an ISO week, e.g. 2026-W47")
              .optional(),
          }),
        },
        responses: { 200: { description: "The preview", ...json(previewSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const { week } = c.req.valid("query");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const digest = await buildDigest(deps.database.db, {
          workspaceId: workspace,
          week,
          now: new Date(),
          publicUrl: deps.config.publicUrl,
        });
        const content = renderDigest(digest);
        return c.json(
          {
            week: digest.week,
            subject: content.email.subject,
            text: content.email.text,
            html: content.email.html,
            slack: content.slack,
          },
          200,
        );
      },
    );
}
