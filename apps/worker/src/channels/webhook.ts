import { createHmac } from "node:crypto";
import type { AlertMessage } from "../alerts/alert-message.ts";
import type { WebhookSecrets, WebhookSettings } from "./channel-config.ts";

const TIMEOUT_MS = 10_000;

/** Header names a receiver verifies: HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. */
const SIGNATURE_HEADER = "x-revops-signature";
const TIMESTAMP_HEADER = "x-revops-timestamp";
const IDEMPOTENCY_HEADER = "idempotency-key";

export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** POSTs JSON; network failures and non-2xx answers become errors that say which endpoint and why. */
export async function postJson(
  url: string,
  body: string,
  options: { what: string; headers?: Record<string, string> },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...options.headers },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`${options.what} ${new URL(url).host} is unreachable: ${cause}`);
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => "")).slice(0, 200);
    throw new Error(`${options.what} answered HTTP ${response.status}${text ? `: ${text}` : ""}`);
  }
  await response.body?.cancel();
}

export function alertWebhookBody(message: AlertMessage, idempotencyKey: string) {
  return {
    type: "sla.alerts",
    idempotencyKey,
    workspace: message.workspaceId,
    subject: message.subject,
    dashboardUrl: message.dashboardUrl,
    alerts: message.items,
  };
}

/** Sends a signed JSON body; the idempotency key is the same on every retry of the same message. */
export async function sendWebhook(
  settings: WebhookSettings,
  secrets: WebhookSecrets,
  payload: unknown,
  idempotencyKey: string,
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  await postJson(settings.url, body, {
    what: "Webhook",
    headers: {
      [SIGNATURE_HEADER]: signWebhookBody(secrets.signingSecret, timestamp, body),
      [TIMESTAMP_HEADER]: timestamp,
      [IDEMPOTENCY_HEADER]: idempotencyKey,
    },
  });
}
