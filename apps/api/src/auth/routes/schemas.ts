import { z } from "@hono/zod-openapi";
import { workspaceRoles } from "@revops/db";
import { errorBodySchema } from "../../errors.ts";

export const roleSchema = z.enum(workspaceRoles).openapi("WorkspaceRole");

export const errorResponses = (statuses: Record<number, string>) =>
  Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      { description, content: { "application/json": { schema: errorBodySchema } } },
    ]),
  );

export const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const personSchema = z.object({ id: z.string(), email: z.string(), name: z.string() }).openapi("Person");

export const myWorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), timezone: z.string(), role: roleSchema })
  .openapi("MyWorkspace");
