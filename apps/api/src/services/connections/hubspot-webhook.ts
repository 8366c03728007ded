import { createHmac, timingSafeEqual } from "node:crypto";
import { findConnectionById } from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { connectionSecretBox, requestSync } from "./manage-connections.ts";

/** HubSpot refuses to be replayed: older signed requests are rejected. */
const MAX_AGE_MS = 5 * 60_000;

const unauthorized = (message: string) => new ApiError(401, "invalid_signature", message);

interface WebhookEvent {
  objectId?: number | string;
  subscriptionType?: string;
}

/**
 * Verifies X-HubSpot-Signature-v3 (HMAC-SHA256 of method + URI + body + timestamp with the app's
 * client secret), refuses timestamps older than 5 minutes, and enqueues an incremental sync of
 * the touched contacts and deals.
 */
export async function receiveHubspotWebhook(
  deps: ApiDeps,
  request: {
    connectionId: string;
    urls: string[];
    body: string;
    signature?: string | undefined;
    timestamp?: string | undefined;
  },
  now = Date.now(),
) {
  const connection = await findConnectionById(deps.database.db, { connectionId: request.connectionId });
  if (connection?.crm !== "hubspot") throw unauthorized("Unknown webhook target");
  const timestamp = Number(request.timestamp);
  if (!request.signature || !Number.isFinite(timestamp))
    throw unauthorized("Missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp");
  if (now - timestamp > MAX_AGE_MS) throw unauthorized("The webhook timestamp is older than 5 minutes");
  const credentials = JSON.parse(connectionSecretBox(deps).open(connection.credentials)) as {
    clientSecret?: string;
    webhookSecret?: string;
  };
  const secret = credentials.webhookSecret ?? credentials.clientSecret;
  if (!secret) throw unauthorized("This connection has no webhook secret (the app's client secret) configured");
  const given = Buffer.from(request.signature);
  const valid = request.urls.some((uri) => {
    const expected = Buffer.from(
      createHmac("sha256", secret).update(`POST${uri}${request.body}${request.timestamp}`).digest("base64"),
    );
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) throw unauthorized("The X-HubSpot-Signature-v3 signature does not match");
  let events: WebhookEvent[];
  try {
    const parsed = JSON.parse(request.body) as unknown;
    events = Array.isArray(parsed) ? (parsed as WebhookEvent[]) : [];
  } catch {
    throw new ApiError(400, "bad_request", "The webhook body is not JSON");
  }
  const touched = { contacts: new Set<string>(), deals: new Set<string>() };
  for (const event of events) {
    if (event.objectId === undefined) continue;
    if (event.subscriptionType?.startsWith("contact.")) touched.contacts.add(String(event.objectId));
    if (event.subscriptionType?.startsWith("deal.")) touched.deals.add(String(event.objectId));
  }
  if (touched.contacts.size + touched.deals.size === 0) return { enqueued: false };
  await requestSync(deps, connection, "incremental", "webhook", {
    contacts: [...touched.contacts],
    deals: [...touched.deals],
  });
  return { enqueued: true };
}
