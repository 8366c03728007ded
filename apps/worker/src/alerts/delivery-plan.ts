import { createHash } from "node:crypto";
import { addBusinessMinutes, businessMinutesBetween, calendarFor, type Definitions, type SlaRule } from "@revops/core";
import type { AlertChannelRow, AlertRow, AlertRuleSettingsRow, DeliveryPlan } from "@revops/db";

/** Does this channel take alerts of this rule and kind? Escalations go to the rule's escalation channels. */
function channelTakes(channel: AlertChannelRow, rule: SlaRule | undefined, kind: AlertRow["kind"]): boolean {
  if (!channel.enabled) return false;
  if (channel.allRules) return true;
  if (!rule) return false;
  return (kind === "escalated" ? rule.escalationChannels : rule.channels).includes(channel.key);
}

/** When a calendar next opens after `now` (now itself when open): the earliest t with one open minute, less that minute. */
export function nextOpenAt(defs: Definitions, rule: SlaRule, now: Date): Date {
  const calendar = calendarFor(defs, rule.calendarKey);
  if (businessMinutesBetween(calendar, now, new Date(now.getTime() + 60_000)) > 0) return now;
  return new Date(addBusinessMinutes(calendar, now, 1).getTime() - 60_000);
}

/**
 * The messages of one tick's new alerts: one per (alert, channel), or with grouping one per
 * (owner, channel) for the rules that ask for it. Quiet hours hold a message until the calendar opens.
 */
export function planDeliveries(input: {
  inserted: AlertRow[];
  channels: AlertChannelRow[];
  defs: Definitions;
  settings: Map<string, AlertRuleSettingsRow>;
  now: Date;
  /** An alert first seen long after its threshold (history back-fill) is recorded, not sent. */
  sendIfDueAfter: Date;
}): DeliveryPlan[] {
  const rules = new Map(input.defs.slaRules.map((rule) => [rule.key, rule]));
  const groups = new Map<string, { channelId: string; alerts: AlertRow[]; notBefore: Date | null; grouped: boolean }>();
  for (const alert of input.inserted) {
    if (alert.dueAt < input.sendIfDueAfter) continue;
    const rule = rules.get(alert.ruleKey);
    const settings = input.settings.get(alert.ruleKey);
    const heldUntil = rule && settings?.quietHours ? nextOpenAt(input.defs, rule, input.now) : input.now;
    const notBefore = heldUntil > input.now ? heldUntil : null;
    for (const channel of input.channels) {
      if (!channelTakes(channel, rule, alert.kind)) continue;
      const grouped = settings?.groupByOwner === true;
      const key = grouped ? `${channel.id}|owner|${alert.ownerId ?? "unowned"}` : `${channel.id}|alert|${alert.id}`;
      const group = groups.get(key) ?? { channelId: channel.id, alerts: [], notBefore, grouped };
      group.alerts.push(alert);
      if (notBefore && (!group.notBefore || notBefore > group.notBefore)) group.notBefore = notBefore;
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((group) => ({
    channelId: group.channelId,
    notBefore: group.notBefore,
    alertIds: group.alerts.map((alert) => alert.id),
    // Alert ids are new in this tick, so the key names this exact message whatever retries happen.
    idempotencyKey: group.grouped
      ? `group:${group.channelId}:${digest(group.alerts.map((alert) => alert.id).join(","))}`
      : `alert:${group.alerts[0]?.id}:${group.channelId}`,
  }));
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);
