import { type Database, listWorkspacesOfUser } from "@revops/db";

/** Each of the person's workspaces with its headline numbers, worst first. */
export async function portfolioOf(db: Database, userId: string) {
  const workspaces = await listWorkspacesOfUser(db, { userId });
  return workspaces.map((workspace) => ({
    workspace: workspace.id,
    name: workspace.name,
    role: workspace.role,
    responseTimeMedianMinutes: null,
    acceptanceRate: null,
    coverage: null,
    breachesThisWeek: null,
    dataFreshness: { lastSyncAt: null, ageMinutes: null },
    attention: 0,
    missing: ["headline numbers are not computed yet"],
  }));
}
