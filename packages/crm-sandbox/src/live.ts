import { HUBSPOT_ID_BASE, renderContact, renderDeal } from "./generator/hubspot.ts";
import type { Story } from "./generator/story.ts";
import type { WebhookEvent, WebhookSender } from "./hubspot/webhooks.ts";

// Live mode: as the clock passes story events (new handoffs, status and stage changes), tell webhook subscribers.
function storyEventsBetween(story: Story, from: number, to: number): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  for (const lead of story.leads) {
    if (lead.handoffAt > to) break;
    const objectId = HUBSPOT_ID_BASE.contacts + lead.index;
    if (lead.handoffAt > from)
      events.push({ objectId, subscriptionType: "contact.creation", occurredAt: lead.handoffAt, changeFlag: "NEW" });
    for (const event of lead.events) {
      if (event.at <= from || event.at > to || event.at === lead.handoffAt) continue;
      const record = renderContact(lead, event.at);
      for (const propertyName of ["lifecyclestage", "hs_lead_status"]) {
        const latest = record.history[propertyName]?.[0];
        if (latest && Date.parse(latest.timestamp) === event.at) {
          events.push({
            objectId,
            subscriptionType: "contact.propertyChange",
            occurredAt: event.at,
            propertyName,
            propertyValue: latest.value,
          });
        }
      }
    }
  }
  for (const deal of story.deals) {
    if (deal.createdAt > to) break;
    const objectId = HUBSPOT_ID_BASE.deals + deal.index;
    if (deal.createdAt > from)
      events.push({ objectId, subscriptionType: "deal.creation", occurredAt: deal.createdAt, changeFlag: "NEW" });
    const changes = [
      ...deal.steps.map((s) => ({ at: s.at, propertyName: "dealstage" })),
      ...deal.amounts.map((s) => ({ at: s.at, propertyName: "amount" })),
      ...deal.closeDates.map((s) => ({ at: s.at, propertyName: "closedate" })),
    ];
    for (const change of changes) {
      if (change.at <= from || change.at > to || change.at === deal.createdAt) continue;
      const value = renderDeal(deal, change.at).properties[change.propertyName] ?? "";
      events.push({
        objectId,
        subscriptionType: "deal.propertyChange",
        occurredAt: change.at,
        propertyName: change.propertyName,
        propertyValue: value,
      });
    }
  }
  return events.sort((a, b) => a.occurredAt - b.occurredAt);
}

export function startLiveTicker(story: Story, now: () => number, webhooks: WebhookSender, tickMs: number): () => void {
  let last = now();
  const timer = setInterval(() => {
    const current = now();
    if (webhooks.active && current > last) webhooks.send(storyEventsBetween(story, last, current));
    last = current;
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
