import { createRoute, z } from "@hono/zod-openapi";
import {
  createActionItem,
  type Database,
  deleteActionItem,
  findPreviousReviewNotes,
  findReviewNotes,
  findWorkspace,
  listActionItemsForWeek,
  saveReviewNotes,
  updateActionItem,
} from "@revops/db";
import { errorBodySchema, notFound } from "../errors.ts";
import { newRouter } from "../router.ts";
import { actorOf } from "../services/actor.ts";
import {
  actionItemChangeSchema,
  actionItemSchema,
  isoWeekSchema,
  meetingSchema,
  newActionItemSchema,
  notesInputSchema,
  reviewNotesSchema,
  toActionItem,
  toNotes,
} from "../services/meeting/meeting-schema.ts";
import { workspaceParam } from "./workspaces.ts";

const params = z.object({ workspace: workspaceParam });
const itemParams = params.extend({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
const weekQuery = z.object({ week: isoWeekSchema });
const json = <T extends z.ZodTypeAny>(schema: T) => ({ content: { "application/json": { schema } } });
const failures = {
  400: { description: "Invalid input, naming the field", ...json(errorBodySchema) },
  404: { description: "No such workspace or action item", ...json(errorBodySchema) },
};

async function requireWorkspace(db: Database, workspace: string) {
  if (!(await findWorkspace(db, { workspaceId: workspace }))) throw notFound(`Workspace "${workspace}"`);
}

/** The review meeting: notes per week and action items carried forward until done. */
export function meetingRoutes() {
  return newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/workspaces/{workspace}/meeting",
        tags: ["meeting"],
        summary: "The meeting of a week: its notes, the previous notes and every action item on its agenda",
        request: { params, query: weekQuery },
        responses: { 200: { description: "The meeting", ...json(meetingSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const { week } = c.req.valid("query");
        const db = c.get("deps").database.db;
        await requireWorkspace(db, workspace);
        const key = { workspaceId: workspace, week };
        const [notes, previousNotes, items] = await Promise.all([
          findReviewNotes(db, key),
          findPreviousReviewNotes(db, key),
          listActionItemsForWeek(db, key),
        ]);
        return c.json(
          {
            workspace,
            week,
            notes: notes ? toNotes(notes) : null,
            previousNotes: previousNotes ? toNotes(previousNotes) : null,
            actionItems: items.map((item) => toActionItem(item, week)),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/workspaces/{workspace}/meeting/notes",
        tags: ["meeting"],
        summary: "Save the notes of a week (last write wins; the author is the signed-in user)",
        request: { params, query: weekQuery, body: { required: true, ...json(notesInputSchema) } },
        responses: { 200: { description: "Saved", ...json(reviewNotesSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const { week } = c.req.valid("query");
        const db = c.get("deps").database.db;
        await requireWorkspace(db, workspace);
        const saved = await saveReviewNotes(db, {
          workspaceId: workspace,
          week,
          body: c.req.valid("json").body,
          author: actorOf(c),
        });
        return c.json(toNotes(saved), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/workspaces/{workspace}/meeting/action-items",
        tags: ["meeting"],
        summary: "Agree an action item in a week's review",
        request: { params, body: { required: true, ...json(newActionItemSchema) } },
        responses: { 201: { description: "Created", ...json(actionItemSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace } = c.req.valid("param");
        const input = c.req.valid("json");
        const db = c.get("deps").database.db;
        await requireWorkspace(db, workspace);
        const created = await createActionItem(db, {
          workspaceId: workspace,
          week: input.week,
          title: input.title,
          owner: input.owner,
          dueDate: input.dueDate ?? null,
          createdBy: actorOf(c),
        });
        return c.json(toActionItem(created, input.week), 201);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/workspaces/{workspace}/meeting/action-items/{id}",
        tags: ["meeting"],
        summary: "Change an action item; done closes it in the given week, reopening carries it forward again",
        request: { params: itemParams, body: { required: true, ...json(actionItemChangeSchema) } },
        responses: { 200: { description: "Changed", ...json(actionItemSchema) }, ...failures },
      }),
      async (c) => {
        const { workspace, id } = c.req.valid("param");
        const change = c.req.valid("json");
        const updated = await updateActionItem(c.get("deps").database.db, { workspaceId: workspace, id, ...change });
        if (!updated) throw notFound(`Action item "${id}"`);
        return c.json(toActionItem(updated, change.week), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/workspaces/{workspace}/meeting/action-items/{id}",
        tags: ["meeting"],
        summary: "Delete an action item entered by mistake",
        request: { params: itemParams },
        responses: { 204: { description: "Deleted" }, ...failures },
      }),
      async (c) => {
        const { workspace, id } = c.req.valid("param");
        if (!(await deleteActionItem(c.get("deps").database.db, { workspaceId: workspace, id })))
          throw notFound(`Action item "${id}"`);
        return c.body(null, 204);
      },
    );
}
