import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { alertChannels, alertRuleSettings } from "../schema/alerts.ts";

export type AlertChannelRow = typeof alertChannels.$inferSelect;
export type AlertChannelInput = Pick<AlertChannelRow, "key" | "name" | "kind" | "settings" | "secrets"> &
  Partial<Pick<AlertChannelRow, "allRules" | "digest" | "enabled">>;
export type AlertRuleSettingsRow = typeof alertRuleSettings.$inferSelect;

export function listAlertChannels(db: Database, params: { workspaceId: string }): Promise<AlertChannelRow[]> {
  return db
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.workspaceId, params.workspaceId))
    .orderBy(asc(alertChannels.key));
}

export async function findAlertChannel(
  db: Database,
  params: { workspaceId: string; channelId: string },
): Promise<AlertChannelRow | undefined> {
  const [found] = await db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.workspaceId, params.workspaceId), eq(alertChannels.id, params.channelId)));
  return found;
}

/** Undefined when the key is already used in the workspace. */
export async function createAlertChannel(
  db: Database,
  params: { workspaceId: string; channel: AlertChannelInput },
): Promise<AlertChannelRow | undefined> {
  const [created] = await db
    .insert(alertChannels)
    .values({ ...params.channel, workspaceId: params.workspaceId })
    .onConflictDoNothing()
    .returning();
  return created;
}

export async function updateAlertChannel(
  db: Database,
  params: { workspaceId: string; channelId: string; changes: Partial<AlertChannelInput> },
): Promise<AlertChannelRow | undefined> {
  const [updated] = await db
    .update(alertChannels)
    .set({ ...params.changes, updatedAt: sql`now()` })
    .where(and(eq(alertChannels.workspaceId, params.workspaceId), eq(alertChannels.id, params.channelId)))
    .returning();
  return updated;
}

export async function deleteAlertChannel(
  db: Database,
  params: { workspaceId: string; channelId: string },
): Promise<boolean> {
  const deleted = await db
    .delete(alertChannels)
    .where(and(eq(alertChannels.workspaceId, params.workspaceId), eq(alertChannels.id, params.channelId)))
    .returning({ id: alertChannels.id });
  return deleted.length > 0;
}

export function listAlertRuleSettings(db: Database, params: { workspaceId: string }): Promise<AlertRuleSettingsRow[]> {
  return db.select().from(alertRuleSettings).where(eq(alertRuleSettings.workspaceId, params.workspaceId));
}

export async function saveAlertRuleSettings(
  db: Database,
  params: { workspaceId: string; ruleKey: string; groupByOwner: boolean; quietHours: boolean },
): Promise<AlertRuleSettingsRow> {
  const { workspaceId, ruleKey, groupByOwner, quietHours } = params;
  const [saved] = await db
    .insert(alertRuleSettings)
    .values({ workspaceId, ruleKey, groupByOwner, quietHours })
    .onConflictDoUpdate({
      target: [alertRuleSettings.workspaceId, alertRuleSettings.ruleKey],
      set: { groupByOwner, quietHours },
    })
    .returning();
  if (!saved) throw new Error(`rule settings ${ruleKey} could not be saved`);
  return saved;
}
