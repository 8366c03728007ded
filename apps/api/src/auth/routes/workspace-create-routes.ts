import { createRoute, z } from "@hono/zod-openapi";
import { isValidTimeZone } from "@revops/core";
import { recordAudit, upsertMembership, workspaces } from "@revops/db";
import { ApiError } from "../../errors.ts";
import { newRouter } from "../../router.ts";
import { workspaceParam } from "../../routes/workspaces.ts";
import { requirePerson } from "./context.ts";
import { errorResponses, json, jsonBody, myWorkspaceSchema } from "./schemas.ts";

const newWorkspace = z
  .object({
    id: workspaceParam.describe("lowercase letters, digits and dashes, e.g. acme"),
    name: z.string().min(1).max(200),
    timezone: z.string().refine(isValidTimeZone, "expected an IANA time zone, e.g. Europe/Paris").default("UTC"),
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  })
  .openapi("NewWorkspace");

/** A person opens a workspace for a new client and becomes its owner. */
export function workspaceCreateRoutes() {
  return newRouter().openapi(
    createRoute({
      method: "post",
      path: "/workspaces",
      tags: ["workspaces"],
      summary: "Create a workspace for a client company; its creator is its owner",
      request: { body: jsonBody(newWorkspace) },
      responses: { 201: json("Created", myWorkspaceSchema), ...errorResponses({ 409: "The id is taken" }) },
    }),
    async (c) => {
      const person = requirePerson(c);
      const input = c.req.valid("json");
      const db = c.get("deps").database.db;
      const created = await db.insert(workspaces).values(input).onConflictDoNothing().returning();
      // A taken id answers the same whether or not the caller could see that workspace.
      if (created.length === 0)
        throw new ApiError(409, "workspace_exists", `The workspace id "${input.id}" is taken; choose another.`);
      await upsertMembership(db, { workspaceId: input.id, userId: person.userId, role: "owner" });
      await recordAudit(db, {
        workspaceId: input.id,
        actor: person.email,
        action: "workspace.created",
        target: input.id,
      });
      return c.json({ id: input.id, name: input.name, timezone: input.timezone, role: "owner" as const }, 201);
    },
  );
}
