import { createHmac } from "node:crypto";

// HubSpot webhook delivery: batches of events POSTed as JSON, signed with X-HubSpot-Signature-v3.
export interface WebhookEvent {
  objectId: number;
  subscriptionType: string;
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
  changeFlag?: "NEW" | "DELETED" | "MERGED";
}

export interface WebhookSubscription {
  url: string;
  /** e.g. ["contact.propertyChange", "deal.creation"]; all when absent. */
  eventTypes?: string[];
}

/** base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), as HubSpot signs v3 requests. */
export function signatureV3(
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number,
): string {
  return createHmac("sha256", clientSecret).update(`${method}${uri}${body}${timestamp}`).digest("base64");
}

export class WebhookSender {
  private readonly subscriptions: (WebhookSubscription & { id: number })[] = [];
  private eventId = 100;
  readonly deliveries: Promise<unknown>[] = [];
  private readonly portalId: number;
  private readonly appId: number;
  private readonly clientSecret: string;

  constructor(portalId: number, appId: number, clientSecret: string) {
    this.portalId = portalId;
    this.appId = appId;
    this.clientSecret = clientSecret;
  }

  get active(): boolean {
    return this.subscriptions.length > 0;
  }

  subscribe(subscription: WebhookSubscription): number {
    const id = 1000 + this.subscriptions.length;
    this.subscriptions.push({ ...subscription, id });
    return id;
  }

  unsubscribeAll(): void {
    this.subscriptions.length = 0;
  }

  send(events: WebhookEvent[]): void {
    for (const subscription of this.subscriptions) {
      const chosen = events.filter(
        (e) => !subscription.eventTypes || subscription.eventTypes.includes(e.subscriptionType),
      );
      // HubSpot batches at most 100 events per request.
      for (let i = 0; i < chosen.length; i += 100) {
        const body = JSON.stringify(
          chosen.slice(i, i + 100).map((e) => ({
            eventId: this.eventId++,
            subscriptionId: subscription.id,
            portalId: this.portalId,
            appId: this.appId,
            attemptNumber: 0,
            changeSource: "CRM",
            ...e,
          })),
        );
        const timestamp = Date.now();
        const delivery = fetch(subscription.url, {
          method: "POST",
          body,
          headers: {
            "Content-Type": "application/json",
            "X-HubSpot-Signature-v3": signatureV3(this.clientSecret, "POST", subscription.url, body, timestamp),
            "X-HubSpot-Request-Timestamp": String(timestamp),
            "User-Agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/)",
          },
        }).catch(() => undefined);
        this.deliveries.push(delivery);
      }
    }
  }

  /** Resolves when every delivery started so far has finished (tests wait on it). */
  async flush(): Promise<void> {
    await Promise.all(this.deliveries.splice(0));
  }
}
