import { lastCompleteWeek, weekBounds, weekOf } from "@revops/core";
import { type Database, findWorkspace, listActionItemsForWeek, listAlerts, overdueSlaClocks } from "@revops/db";
import { formatMinutes } from "./alert-message.ts";
import { alertDefinitions } from "./definitions.ts";
import { type DigestKpi, digestKpis } from "./digest-kpis.ts";

export interface DigestRecordLine {
  ruleName: string;
  entityName: string;
  recordUrl: string | null;
  owner: string;
  deadlineAt: string;
  /** How late: "2 h 5 min" after the deadline (breach) or until now (stalled). */
  late: string;
}

/** The weekly digest, one content for email and Slack. */
export interface Digest {
  workspaceId: string;
  workspaceName: string;
  week: string;
  timezone: string;
  reviewUrl: string;
  kpis: DigestKpi[];
  breaches: DigestRecordLine[];
  stalledDeals: DigestRecordLine[];
  /** Open action items on this week's agenda. */
  actionItems: Array<{ title: string; owner: string; dueDate: string | null }>;
}

const LIST_LIMIT = 25;

/** Builds the digest of `week` (default: the last complete week in the workspace zone) as of `now`. */
export async function buildDigest(
  db: Database,
  params: { workspaceId: string; week?: string | undefined; now: Date; publicUrl: string },
): Promise<Digest> {
  const { workspaceId, now } = params;
  const workspace = await findWorkspace(db, { workspaceId });
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const defs = await alertDefinitions(db, workspaceId);
  const week = params.week ?? lastCompleteWeek(now, workspace.timezone);
  const bounds = weekBounds(week, workspace.timezone);
  const kpis = await digestKpis(db, {
    workspaceId,
    defs,
    week,
    asOf: new Date(Math.min(now.getTime(), bounds.end.getTime())),
  });
  const rules = new Map(defs.slaRules.map((rule) => [rule.key, rule]));

  const breached = await listAlerts(db, {
    workspaceId,
    filters: { kind: "breached", from: bounds.start, to: bounds.end },
    limit: LIST_LIMIT,
    offset: 0,
  });
  const breaches = breached.alerts.map((alert) => ({
    ruleName: alert.ruleName,
    entityName: alert.entityName ?? `${alert.entityKind} ${alert.entityId}`,
    recordUrl: alert.recordUrl,
    owner: alert.ownerName ?? alert.ownerId ?? "unassigned",
    deadlineAt: alert.deadlineAt.toISOString(),
    late: "",
  }));

  const stageAgeRules = defs.slaRules.filter((rule) => rule.kind === "stage_max_age").map((rule) => rule.key);
  const overdue = await overdueSlaClocks(db, { workspaceId, ruleKeys: stageAgeRules, now, limit: LIST_LIMIT });
  const stalledDeals = overdue.map((clock) => ({
    ruleName: rules.get(clock.ruleKey)?.name ?? clock.ruleKey,
    entityName: clock.entityName ?? `${clock.entityKind} ${clock.entityId}`,
    recordUrl: clock.recordUrl,
    owner: clock.ownerName ?? clock.ownerId ?? "unassigned",
    deadlineAt: clock.deadlineAt.toISOString(),
    late: formatMinutes((now.getTime() - clock.deadlineAt.getTime()) / 60_000),
  }));

  const agenda = await listActionItemsForWeek(db, { workspaceId, week: weekOf(now, workspace.timezone) });
  const actionItems = agenda
    .filter((item) => item.doneWeek === null)
    .map((item) => ({ title: item.title, owner: item.owner, dueDate: item.dueDate }));

  const base = params.publicUrl.replace(/\/$/, "");
  return {
    workspaceId,
    workspaceName: workspace.name,
    week,
    timezone: workspace.timezone,
    reviewUrl: `${base}/meeting?workspace=${encodeURIComponent(workspaceId)}&week=${week}`,
    kpis,
    breaches,
    stalledDeals,
    actionItems,
  };
}
