import { currentDefinitions, listConnections } from "@revops/db";
import { z } from "zod";
import { demoDefinitions } from "./demo-definitions.ts";
import type { ApiDeps } from "./env.ts";
import { createCrmConnection } from "./services/connections/manage-connections.ts";
import { changeDefinitions } from "./services/definitions/change-definitions.ts";

const demoConnectionsSchema = z.array(
  z.object({
    crm: z.enum(["hubspot", "salesforce"]),
    name: z.string().min(1),
    settings: z.record(z.string(), z.unknown()).default({}),
    credentials: z.record(z.string(), z.unknown()),
    syncEveryMinutes: z.number().int().min(1).default(15),
  }),
);

/**
 * The demo's CRM connections (DEMO_CONNECTIONS, JSON written by scripts/demo.ts for the sandbox):
 * created once in the demo workspace, each with its first full sync queued.
 */
export async function setUpDemoConnections(deps: ApiDeps): Promise<void> {
  const workspaceId = deps.config.demoWorkspace;
  if (!workspaceId || !deps.config.demoConnections) return;
  const wanted = demoConnectionsSchema.parse(JSON.parse(deps.config.demoConnections));
  const definitions = await currentDefinitions(deps.database.db, { workspaceId });
  if (definitions.version === 0) {
    await changeDefinitions(deps, {
      workspaceId,
      actor: "demo set-up",
      document: demoDefinitions(definitions.document, new Date(), deps.config.demoLeads),
      note: "Demo: the sandbox's service lines, source categories and quarterly targets",
    });
  }
  const existing = await listConnections(deps.database.db, { workspaceId });
  for (const connection of wanted) {
    if (existing.some((row) => row.crm === connection.crm && row.name === connection.name)) continue;
    await createCrmConnection(deps, workspaceId, {
      ...connection,
      credentials: connection.credentials as never,
      syncNow: true,
    });
    deps.logger.info({ crm: connection.crm, name: connection.name }, "demo connection created; first full sync queued");
  }
}
