import type { AlertChannelRow } from "@revops/db";
import type { SecretBox } from "@revops/runtime";
import type { AlertMessage } from "../alerts/alert-message.ts";
import {
  type EmailSecrets,
  type EmailSettings,
  parseChannelConfig,
  type SlackSecrets,
  type WebhookSecrets,
  type WebhookSettings,
} from "./channel-config.ts";
import { alertEmailContent, type EmailContent, sendEmail } from "./email.ts";
import { alertSlackContent, type SlackContent, sendSlack } from "./slack.ts";
import { alertWebhookBody, sendWebhook } from "./webhook.ts";

/** What a channel can say: alert deliveries and digests render the same three shapes. */
export interface ChannelContent {
  slack: SlackContent;
  email: EmailContent;
  webhook: unknown;
}

/** The channel's settings and opened secrets, checked again (a stored row may predate a rule change). */
export function openChannel(channel: AlertChannelRow, box: SecretBox) {
  const secrets = channel.secrets ? (JSON.parse(box.open(channel.secrets)) as unknown) : {};
  return parseChannelConfig(channel.kind, { settings: channel.settings, secrets });
}

export function sealChannelSecrets(box: SecretBox, secrets: Record<string, unknown>) {
  return box.seal(JSON.stringify(secrets));
}

export function alertContent(message: AlertMessage, idempotencyKey: string): ChannelContent {
  return {
    slack: alertSlackContent(message),
    email: alertEmailContent(message),
    webhook: alertWebhookBody(message, idempotencyKey),
  };
}

/** Sends to one channel; throws an error whose message says what to fix. */
export async function sendToChannel(
  channel: AlertChannelRow,
  box: SecretBox,
  content: ChannelContent,
  options: { idempotencyKey: string; emailTo?: string[] },
): Promise<void> {
  const { settings, secrets } = openChannel(channel, box);
  if (channel.kind === "slack") return sendSlack(secrets as SlackSecrets, content.slack);
  if (channel.kind === "webhook") {
    return sendWebhook(settings as WebhookSettings, secrets as WebhookSecrets, content.webhook, options.idempotencyKey);
  }
  const emailSettings = settings as EmailSettings;
  return sendEmail(emailSettings, secrets as EmailSecrets, content.email, {
    ...(options.emailTo ? { to: options.emailTo } : {}),
    messageId: `<${options.idempotencyKey.replaceAll(/[^a-zA-Z0-9.-]/g, ".")}@${emailSettings.from.split("@")[1] ?? "revops"}>`,
  });
}
