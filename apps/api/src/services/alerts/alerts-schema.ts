import { z } from "@hono/zod-openapi";
import type { AlertChannelRow, AlertRow } from "@revops/db";

const channelKind = z.enum(["slack", "email", "webhook"]);
const alertKind = z.enum(["at_risk", "breached", "escalated"]);

export const channelSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    kind: channelKind,
    settings: z.record(z.string(), z.unknown()).describe("non-secret settings (SMTP host, recipients, webhook URL)"),
    hasSecrets: z.boolean().describe("secrets are write-only: never returned"),
    allRules: z.boolean(),
    digest: z.boolean(),
    enabled: z.boolean(),
    health: z.object({
      consecutiveFailures: z.number().int(),
      lastError: z.string().nullable(),
      lastFailureAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      flagged: z.boolean().describe("true when the channel keeps failing"),
    }),
  })
  .openapi("AlertChannel");

const channelKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "a channel key is lowercase letters, digits, - and _, e.g. sales-slack");

export const newChannelSchema = z
  .object({
    key: channelKey.describe("the name SLA rules list in channels / escalationChannels"),
    name: z.string().min(1).max(200),
    kind: channelKind,
    settings: z.record(z.string(), z.unknown()).default({}),
    secrets: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("slack: webhookUrl; email: password; webhook: signingSecret"),
    allRules: z.boolean().default(true),
    digest: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .openapi("NewAlertChannel");

export const channelChangeSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.unknown()).optional().describe("omit to keep the stored secrets"),
    allRules: z.boolean().optional(),
    digest: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("AlertChannelChange");

export const testSendSchema = z.object({ ok: z.boolean(), message: z.string() }).openapi("ChannelTestResult");

export const ruleSettingsSchema = z
  .object({ ruleKey: z.string(), groupByOwner: z.boolean(), quietHours: z.boolean() })
  .openapi("AlertRuleSettings");

const deliveryStatusSchema = z.object({
  channelId: z.string(),
  channelKey: z.string(),
  channelKind: channelKind,
  status: z.enum(["pending", "sending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  notBefore: z.string().nullable().describe("held by quiet hours until then"),
  deliveredAt: z.string().nullable(),
});

export const alertSchema = z
  .object({
    id: z.string(),
    kind: alertKind,
    ruleKey: z.string(),
    ruleName: z.string(),
    entityKind: z.enum(["lead", "deal"]),
    entityId: z.string(),
    entityName: z.string().nullable(),
    recordUrl: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    cycleIndex: z.number().int(),
    dueAt: z.string(),
    deadlineAt: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    deliveries: z.array(deliveryStatusSchema),
  })
  .openapi("Alert");

export const alertListQuery = z.object({
  kind: alertKind.optional(),
  rule: z.string().optional(),
  entity: z.string().optional(),
  owner: z.string().optional(),
  acknowledged: z.enum(["true", "false"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toChannel(row: AlertChannelRow): z.infer<typeof channelSchema> {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    settings: row.settings,
    hasSecrets: row.secrets !== null,
    allRules: row.allRules,
    digest: row.digest,
    enabled: row.enabled,
    health: {
      consecutiveFailures: row.consecutiveFailures,
      lastError: row.lastError,
      lastFailureAt: iso(row.lastFailureAt),
      lastSuccessAt: iso(row.lastSuccessAt),
      flagged: row.flaggedAt !== null,
    },
  };
}

type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export function toAlert(row: AlertRow, deliveries: DeliveryStatus[]): z.infer<typeof alertSchema> {
  return {
    id: row.id,
    kind: row.kind,
    ruleKey: row.ruleKey,
    ruleName: row.ruleName,
    entityKind: row.entityKind,
    entityId: row.entityId,
    entityName: row.entityName,
    recordUrl: row.recordUrl,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    cycleIndex: row.cycleIndex,
    dueAt: row.dueAt.toISOString(),
    deadlineAt: row.deadlineAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    deliveries,
  };
}

export function toDeliveryStatus(row: {
  channelId: string;
  channelKey: string;
  channelKind: DeliveryStatus["channelKind"];
  status: string;
  attempts: number;
  lastError: string | null;
  notBefore: Date | null;
  deliveredAt: Date | null;
}): DeliveryStatus {
  return {
    channelId: row.channelId,
    channelKey: row.channelKey,
    channelKind: row.channelKind,
    status: row.status as DeliveryStatus["status"],
    attempts: row.attempts,
    lastError: row.lastError,
    notBefore: iso(row.notBefore),
    deliveredAt: iso(row.deliveredAt),
  };
}
