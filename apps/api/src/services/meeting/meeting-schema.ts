import { z } from "@hono/zod-openapi";
import type { ActionItem, ReviewNotes } from "@revops/db";

export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, "a week is an ISO week like 2026-W47")
  .openapi({ example: "2026-W47" });

const dueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a due date is a calendar date like 2026-11-30")
  .nullable();

const actionItemStatusSchema = z.enum(["open", "in_progress", "done"]);

export const actionItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    owner: z.string(),
    dueDate: z.string().nullable().describe("calendar date, YYYY-MM-DD"),
    status: actionItemStatusSchema,
    createdWeek: z.string().describe("the review week the item was agreed in"),
    doneWeek: z.string().nullable().describe("the review week it was marked done in"),
    carriedOver: z.boolean().describe("agreed in an earlier week and still on this week's agenda"),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ActionItem");

export const reviewNotesSchema = z
  .object({ week: z.string(), body: z.string(), author: z.string(), updatedAt: z.string() })
  .openapi("ReviewNotes");

export const meetingSchema = z
  .object({
    workspace: z.string(),
    week: z.string(),
    notes: reviewNotesSchema.nullable(),
    previousNotes: reviewNotesSchema.nullable().describe("the latest notes of an earlier week"),
    actionItems: z.array(actionItemSchema).describe("carried-over items first, then this week's"),
  })
  .openapi("ReviewMeeting");

export const notesInputSchema = z.object({ body: z.string().max(50_000) });

export const newActionItemSchema = z.object({
  week: isoWeekSchema.describe("the review week the item is agreed in"),
  title: z.string().trim().min(1, "say what has to be done").max(500),
  owner: z.string().trim().min(1, "name who owns it").max(200),
  dueDate: dueDateSchema.optional(),
});

export const actionItemChangeSchema = z.object({
  week: isoWeekSchema.describe("the review week the change is made in (marks the week an item is done)"),
  title: z.string().trim().min(1, "say what has to be done").max(500).optional(),
  owner: z.string().trim().min(1, "name who owns it").max(200).optional(),
  dueDate: dueDateSchema.optional(),
  status: actionItemStatusSchema.optional(),
});

export const toNotes = (row: ReviewNotes) => ({
  week: row.week,
  body: row.body,
  author: row.author,
  updatedAt: row.updatedAt.toISOString(),
});

export const toActionItem = (row: ActionItem, week: string) => ({
  id: row.id,
  title: row.title,
  owner: row.owner,
  dueDate: row.dueDate,
  status: row.status,
  createdWeek: row.createdWeek,
  doneWeek: row.doneWeek,
  carriedOver: row.createdWeek < week,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
