import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { type ActionItemStatus, actionItems, reviewNotes } from "../schema/meeting.ts";

export type ReviewNotes = typeof reviewNotes.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;

// ISO week keys ("2026-W07") are fixed-width, so text order is week order.

export async function findReviewNotes(
  db: Database,
  params: { workspaceId: string; week: string },
): Promise<ReviewNotes | undefined> {
  const [found] = await db
    .select()
    .from(reviewNotes)
    .where(and(eq(reviewNotes.workspaceId, params.workspaceId), eq(reviewNotes.week, params.week)));
  return found;
}

/** The latest notes written before `week`: what the meeting agreed last time. */
export async function findPreviousReviewNotes(
  db: Database,
  params: { workspaceId: string; week: string },
): Promise<ReviewNotes | undefined> {
  const [found] = await db
    .select()
    .from(reviewNotes)
    .where(and(eq(reviewNotes.workspaceId, params.workspaceId), sql`${reviewNotes.week} < ${params.week}`))
    .orderBy(sql`${reviewNotes.week} desc`)
    .limit(1);
  return found;
}

export async function saveReviewNotes(
  db: Database,
  params: { workspaceId: string; week: string; body: string; author: string },
): Promise<ReviewNotes> {
  const now = new Date();
  const [saved] = await db
    .insert(reviewNotes)
    .values({ ...params, updatedAt: now })
    .onConflictDoUpdate({
      target: [reviewNotes.workspaceId, reviewNotes.week],
      set: { body: params.body, author: params.author, updatedAt: now },
    })
    .returning();
  if (!saved) throw new Error("review notes were not saved");
  return saved;
}

/** Items on the agenda of `week`: created then or before, and not done before it. */
export function listActionItemsForWeek(
  db: Database,
  params: { workspaceId: string; week: string },
): Promise<ActionItem[]> {
  return db
    .select()
    .from(actionItems)
    .where(
      and(
        eq(actionItems.workspaceId, params.workspaceId),
        lte(actionItems.createdWeek, params.week),
        or(isNull(actionItems.doneWeek), gte(actionItems.doneWeek, params.week)),
      ),
    )
    .orderBy(asc(actionItems.createdWeek), asc(actionItems.createdAt));
}

export async function findActionItem(
  db: Database,
  params: { workspaceId: string; id: string },
): Promise<ActionItem | undefined> {
  const [found] = await db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.workspaceId, params.workspaceId), eq(actionItems.id, params.id)));
  return found;
}

export async function createActionItem(
  db: Database,
  params: {
    workspaceId: string;
    week: string;
    title: string;
    owner: string;
    dueDate: string | null;
    createdBy: string;
  },
): Promise<ActionItem> {
  const [created] = await db
    .insert(actionItems)
    .values({
      id: randomUUID(),
      workspaceId: params.workspaceId,
      title: params.title,
      owner: params.owner,
      dueDate: params.dueDate,
      status: "open",
      createdWeek: params.week,
      createdBy: params.createdBy,
    })
    .returning();
  if (!created) throw new Error("the action item was not created");
  return created;
}

/**
 * Changes an item from the review of `week`. Marking it done closes it in that week (it stays
 * on that week's agenda and leaves later ones); reopening puts it back on every later agenda.
 */
export async function updateActionItem(
  db: Database,
  params: {
    workspaceId: string;
    id: string;
    week: string;
    title?: string;
    owner?: string;
    dueDate?: string | null;
    status?: ActionItemStatus;
  },
): Promise<ActionItem | undefined> {
  const existing = await findActionItem(db, params);
  if (!existing) return undefined;
  const status = params.status ?? existing.status;
  const doneWeek =
    status !== "done"
      ? null
      : existing.status === "done"
        ? existing.doneWeek
        : maxWeek(existing.createdWeek, params.week);
  const [updated] = await db
    .update(actionItems)
    .set({
      title: params.title ?? existing.title,
      owner: params.owner ?? existing.owner,
      dueDate: params.dueDate === undefined ? existing.dueDate : params.dueDate,
      status,
      doneWeek,
      updatedAt: new Date(),
    })
    .where(and(eq(actionItems.workspaceId, params.workspaceId), eq(actionItems.id, params.id)))
    .returning();
  return updated;
}

export async function deleteActionItem(db: Database, params: { workspaceId: string; id: string }): Promise<boolean> {
  const deleted = await db
    .delete(actionItems)
    .where(and(eq(actionItems.workspaceId, params.workspaceId), eq(actionItems.id, params.id)))
    .returning({ id: actionItems.id });
  return deleted.length > 0;
}

const maxWeek = (a: string, b: string) => (a > b ? a : b);
