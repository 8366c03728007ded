import { z } from "zod";

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `${what} must be an http(s) URL, e.g. https://hooks.example.com/revops`,
    });

const emailAddress = z.email({ message: "must be an email address, e.g. sales-ops@example.com" });

const slackSettings = z.object({}).strict();
const slackSecrets = z.object({ webhookUrl: httpUrl("the Slack incoming webhook URL") });

const emailSettings = z.object({
  host: z
    .string()
    .trim()
    .min(1, "the SMTP host is required, e.g. smtp.example.com")
    .regex(/^[a-zA-Z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, "must be a host name or IP address, e.g. smtp.example.com"),
  port: z.coerce
    .number()
    .int()
    .min(1, "must be a TCP port 1-65535")
    .max(65535, "must be a TCP port 1-65535")
    .default(587),
  /** true = TLS from the start (port 465); false = plain, upgraded with STARTTLS when offered. */
  secure: z.boolean().default(false),
  requireTls: z.boolean().default(false),
  username: z.string().optional(),
  from: emailAddress,
  recipients: z.array(emailAddress).min(1, "at least one recipient is required"),
});
const emailSecrets = z.object({ password: z.string().optional() });

const webhookSettings = z.object({ url: httpUrl("the webhook URL") });
const webhookSecrets = z.object({ signingSecret: z.string().min(16, "must be at least 16 characters") });

export type SlackSecrets = z.infer<typeof slackSecrets>;
export type EmailSettings = z.infer<typeof emailSettings>;
export type EmailSecrets = z.infer<typeof emailSecrets>;
export type WebhookSettings = z.infer<typeof webhookSettings>;
export type WebhookSecrets = z.infer<typeof webhookSecrets>;

export type ChannelKind = "slack" | "email" | "webhook";

const schemas = {
  slack: { settings: slackSettings, secrets: slackSecrets },
  email: { settings: emailSettings, secrets: emailSecrets },
  webhook: { settings: webhookSettings, secrets: webhookSecrets },
} as const;

export class ChannelConfigError extends Error {}

/**
 * Checks a channel's settings and secrets for its kind; the error names each bad field
 * (`settings.url: the webhook URL must be an http(s) URL ...`).
 */
export function parseChannelConfig(
  kind: ChannelKind,
  input: { settings: unknown; secrets: unknown },
): { settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const schema = schemas[kind];
  const problems: string[] = [];
  const settings = schema.settings.safeParse(input.settings ?? {});
  const secrets = schema.secrets.safeParse(input.secrets ?? {});
  for (const [part, result] of [
    ["settings", settings],
    ["secrets", secrets],
  ] as const) {
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${[part, ...issue.path].join(".")}: ${issue.message}`);
    }
  }
  if (!settings.success || !secrets.success)
    throw new ChannelConfigError(`Invalid ${kind} channel: ${problems.join("; ")}`);
  return { settings: settings.data as Record<string, unknown>, secrets: secrets.data as Record<string, unknown> };
}
