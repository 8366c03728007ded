import nodemailer from "nodemailer";
import type { AlertMessage } from "../alerts/alert-message.ts";
import { kindLabel } from "../alerts/alert-message.ts";
import type { EmailSecrets, EmailSettings } from "./channel-config.ts";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const TIMEOUT_MS = 10_000;

export const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function alertEmailContent(message: AlertMessage): EmailContent {
  const text = [
    message.subject,
    "",
    ...message.items.map(
      (item) =>
        `- ${kindLabel(item.kind)}: ${item.ruleName}\n  ${item.entityKind === "deal" ? "Deal" : "Lead"}: ${item.entityName}${item.recordUrl ? ` (${item.recordUrl})` : ""}\n  Owner: ${item.owner}, ${item.lateness} (deadline ${item.deadlineAt})`,
    ),
    "",
    `Open the alerts: ${message.dashboardUrl}`,
  ].join("\n");
  const rows = message.items
    .map((item) => {
      const record = item.recordUrl
        ? `<a href="${escapeHtml(item.recordUrl)}">${escapeHtml(item.entityName)}</a>`
        : escapeHtml(item.entityName);
      return `<tr><td>${kindLabel(item.kind)}</td><td>${escapeHtml(item.ruleName)}</td><td>${record}</td><td>${escapeHtml(item.owner)}</td><td>${escapeHtml(item.lateness)}</td></tr>`;
    })
    .join("");
  const html = `<h2>${escapeHtml(message.subject)}</h2><table cellpadding="6"><tr><th>Alert</th><th>Rule</th><th>Record</th><th>Owner</th><th>When</th></tr>${rows}</table><p><a href="${escapeHtml(message.dashboardUrl)}">Open the alerts</a></p>`;
  return { subject: message.subject, text, html };
}

function transport(settings: EmailSettings, secrets: EmailSecrets) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    auth: settings.username ? { user: settings.username, pass: secrets.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

/** Sends over SMTP; a connection failure names the host setting so the fix is obvious. */
export async function sendEmail(
  settings: EmailSettings,
  secrets: EmailSecrets,
  content: EmailContent,
  options: { to?: string[]; messageId?: string } = {},
): Promise<void> {
  const mailer = transport(settings, secrets);
  try {
    await mailer.sendMail({
      from: settings.from,
      to: options.to ?? settings.recipients,
      subject: content.subject,
      text: content.text,
      html: content.html,
      ...(options.messageId ? { messageId: options.messageId } : {}),
    });
  } catch (error) {
    throw new Error(smtpErrorMessage(settings, error));
  } finally {
    mailer.close();
  }
}

function smtpErrorMessage(settings: EmailSettings, error: unknown): string {
  const err = error as { code?: string; message?: string; responseCode?: number };
  const where = `${settings.host}:${settings.port}`;
  if (err.code === "ECONNECTION" || err.code === "ETIMEDOUT" || err.code === "EDNS" || err.code === "ESOCKET") {
    return `settings.host: SMTP server ${where} is unreachable (${err.message ?? err.code})`;
  }
  if (err.code === "EAUTH")
    return `settings.username/secrets.password: SMTP server ${where} refused the login (${err.message})`;
  return `SMTP server ${where} refused the message: ${err.message ?? String(error)}`;
}
