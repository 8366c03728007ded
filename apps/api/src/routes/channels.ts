import { createRoute, z } from "@hono/zod-openapi";
import { deleteAlertChannel, listAlertChannels, listAlertRuleSettings, saveAlertRuleSettings } from "@revops/db";
import { channelSecretBox, testSendChannel } from "@revops/worker/alerts";
import { auditChange } from "../auth/audit.ts";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import {
  channelChangeSchema,
  channelSchema,
  newChannelSchema,
  ruleSettingsSchema,
  testSendSchema,
  toChannel,
} from "../services/alerts/alerts-schema.ts";
import { changeChannel, createChannel, requireChannel, requireWorkspace } from "../services/alerts/manage-channels.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const channelParams = params.extend({
  channelId: z
    .string()
    .uuid()
    .openapi({ param: { name: "channelId", in: "path" } }),
});
const ruleParams = params.extend({
  ruleKey: z
    .string()
    .min(1)
    .openapi({ param: { name: "ruleKey", in: "path" } }),
});
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const failures = {
  400: { description: "Invalid input, naming the field", ...json(errorBodySchema) },
  404: { description: "No such workspace or channel", ...json(errorBodySchema) },
};

/** Alert channels (Slack, email, webhook) with their health, test-send, and per-rule delivery options. */
export function channelRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/channels",
        tags: ["alerts"],
        summary:
          "Alert channels with their health (a channel that keeps failing is flagged); secrets are never returned",
        request: { params },
        responses: {
          200: { description: "Channels", ...json(z.object({ channels: z.array(channelSchema) })) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const rows = await listAlertChannels(deps.database.db, { workspaceId: workspace });
        return c.json({ channels: rows.map(toChannel) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/channels",
        tags: ["alerts"],
        summary: "Add a channel; a malformed URL or address is rejected with the field named",
        request: { params, body: { required: true, ...json(newChannelSchema) } },
        responses: {
          201: { description: "The channel", ...json(channelSchema) },
          409: { description: "The key is taken", ...json(errorBodySchema) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const input = c.req.valid("json");
        const created = await createChannel(c.get("deps"), workspace, input);
        await auditChange(c, {
          workspaceId: workspace,
          action: "channel.created",
          target: created.id,
          detail: { key: created.key, kind: created.kind, secrets: Object.keys(input.secrets) },
        });
        return c.json(toChannel(created), 201);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/workspaces/{workspace}/channels/{channelId}",
        tags: ["alerts"],
        summary: "Change a channel (omitted secrets are kept)",
        request: { params: channelParams, body: { required: true, ...json(channelChangeSchema) } },
        responses: { 200: { description: "The channel", ...json(channelSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, channelId } = c.req.valid("param");
        const change = c.req.valid("json");
        const updated = await changeChannel(c.get("deps"), workspace, channelId, change);
        // Secrets by field name only: which were replaced, never their values.
        await auditChange(c, {
          workspaceId: workspace,
          action: "channel.changed",
          target: channelId,
          detail: { key: updated.key, fields: Object.keys(change), secrets: Object.keys(change.secrets ?? {}) },
        });
        return c.json(toChannel(updated), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/channels/{channelId}",
        tags: ["alerts"],
        summary: "Remove a channel and its pending deliveries",
        request: { params: channelParams },
        responses: { 204: { description: "Removed" }, ...failures },
      }),
      async (c) => {
        const { workspace, channelId } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        if (!(await deleteAlertChannel(deps.database.db, { workspaceId: workspace, channelId }))) {
          throw notFound(`Channel "${channelId}"`);
        }
        await auditChange(c, { workspaceId: workspace, action: "channel.removed", target: channelId });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/channels/{channelId}/test",
        tags: ["alerts"],
        summary: "Send a sample alert now; the answer says whether it went through, or what to fix",
        request: { params: channelParams },
        responses: { 200: { description: "The outcome", ...json(testSendSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, channelId } = c.req.valid("param");
        const deps = c.get("deps");
        const channel = await requireChannel(deps, workspace, channelId);
        const outcome = await testSendChannel(channel, channelSecretBox(deps.config), {
          publicUrl: deps.config.publicUrl,
        });
        return c.json(outcome, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/alert-rules",
        tags: ["alerts"],
        summary: "Per-rule delivery options (grouping per owner, quiet hours); rules without options use the defaults",
        request: { params },
        responses: {
          200: { description: "Options", ...json(z.object({ rules: z.array(ruleSettingsSchema) })) },
          ...failures,
        },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const rows = await listAlertRuleSettings(deps.database.db, { workspaceId: workspace });
        return c.json(
          { rules: rows.map(({ ruleKey, groupByOwner, quietHours }) => ({ ruleKey, groupByOwner, quietHours })) },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/workspaces/{workspace}/alert-rules/{ruleKey}",
        tags: ["alerts"],
        summary: "Set a rule's delivery options",
        request: {
          params: ruleParams,
          body: { required: true, ...json(z.object({ groupByOwner: z.boolean(), quietHours: z.boolean() })) },
        },
        responses: { 200: { description: "Saved", ...json(ruleSettingsSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, ruleKey } = c.req.valid("param");
        const deps = c.get("deps");
        await requireWorkspace(deps, workspace);
        const saved = await saveAlertRuleSettings(deps.database.db, {
          workspaceId: workspace,
          ruleKey,
          ...c.req.valid("json"),
        });
        const options = { groupByOwner: saved.groupByOwner, quietHours: saved.quietHours };
        await auditChange(c, {
          workspaceId: workspace,
          action: "alert-rule.changed",
          target: ruleKey,
          detail: options,
        });
        return c.json({ ruleKey: saved.ruleKey, ...options }, 200);
      },
    );
}
