import type { AlertRow } from "@revops/db";

/** What every channel says about one delivery, before it is shaped as Block Kit, email or JSON. */
export interface AlertMessage {
  workspaceId: string;
  subject: string;
  dashboardUrl: string;
  items: AlertMessageItem[];
}

interface AlertMessageItem {
  alertId: string;
  kind: AlertRow["kind"];
  ruleKey: string;
  ruleName: string;
  entityKind: AlertRow["entityKind"];
  entityId: string;
  entityName: string;
  recordUrl: string | null;
  owner: string;
  deadlineAt: string;
  /** "due in 15 min" before the deadline, "2 h 5 min late" after it. */
  lateness: string;
}

const KIND_LABEL: Record<AlertRow["kind"], string> = {
  at_risk: "At risk",
  breached: "SLA breached",
  escalated: "Escalated",
};

export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.round(Math.abs(totalMinutes));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} d` : "", hours ? `${hours} h` : "", rest || (!days && !hours) ? `${rest} min` : ""];
  return parts.filter(Boolean).join(" ");
}

export function kindLabel(kind: AlertRow["kind"]): string {
  return KIND_LABEL[kind];
}

export function alertMessage(input: {
  workspaceId: string;
  alerts: AlertRow[];
  publicUrl: string;
  now: Date;
}): AlertMessage {
  const items = input.alerts.map((alert): AlertMessageItem => {
    const lateMinutes = (input.now.getTime() - alert.deadlineAt.getTime()) / 60_000;
    return {
      alertId: alert.id,
      kind: alert.kind,
      ruleKey: alert.ruleKey,
      ruleName: alert.ruleName,
      entityKind: alert.entityKind,
      entityId: alert.entityId,
      entityName: alert.entityName ?? `${alert.entityKind} ${alert.entityId}`,
      recordUrl: alert.recordUrl,
      owner: alert.ownerName ?? alert.ownerId ?? "unassigned",
      deadlineAt: alert.deadlineAt.toISOString(),
      lateness: lateMinutes >= 0 ? `${formatMinutes(lateMinutes)} late` : `due in ${formatMinutes(lateMinutes)}`,
    };
  });
  const first = items[0];
  const subject =
    items.length === 1 && first
      ? `${kindLabel(first.kind)}: ${first.ruleName}, ${first.entityName} (${first.owner})`
      : `${items.length} SLA alerts for ${first?.owner ?? "unassigned"}`;
  const base = input.publicUrl.replace(/\/$/, "");
  return {
    workspaceId: input.workspaceId,
    subject,
    dashboardUrl: `${base}/alerts?workspace=${encodeURIComponent(input.workspaceId)}`,
    items,
  };
}
