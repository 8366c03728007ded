// Local shape of the alerts engineer's list route, written from the alerts schema until
// `pnpm gen:api` brings the generated one; then this goes.

export interface AlertDelivery {
  channelId: string;
  channelName?: string;
  channelKind?: "slack" | "email" | "webhook";
  status: "pending" | "sending" | "delivered" | "failed" | string;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface AlertEntry {
  id: string;
  ruleKey: string;
  ruleName: string;
  entityKind: "lead" | "deal";
  entityId: string;
  entityName: string | null;
  kind: "at_risk" | "breached" | "escalated";
  dueAt: string;
  deadlineAt: string;
  ownerName: string | null;
  recordUrl: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  deliveries?: AlertDelivery[];
}
