import { weekBounds, weekOf } from "@revops/core";
import { countBreachesSince, listWorkspacesOfUser } from "@revops/db";
import type { ApiDeps } from "../../env.ts";
import { readReview } from "../../services/review/read-review.ts";

type Headline = Awaited<ReturnType<typeof headlineOf>>;

/**
 * Each of the person's workspaces with its headline numbers, worst first. "This week" is the
 * current ISO week in the workspace's zone, to date: the numbers a CRO checks on a Thursday.
 */
export async function portfolioOf(deps: ApiDeps, userId: string, now = new Date()) {
  const workspaces = await listWorkspacesOfUser(deps.database.db, { userId });
  const headlines = await Promise.all(workspaces.map((workspace) => headlineOf(deps, workspace, now)));
  return headlines.sort(worstFirst);
}

async function headlineOf(
  deps: ApiDeps,
  workspace: { id: string; name: string; timezone: string; role: "viewer" | "editor" | "admin" | "owner" },
  now: Date,
) {
  const missing: string[] = [];
  const week = weekOf(now, workspace.timezone);
  const breachesThisWeek = await countBreachesSince(deps.database.db, {
    workspaceId: workspace.id,
    since: weekBounds(week, workspace.timezone).start,
  });
  const review = await readReview(deps, { workspaceId: workspace.id, week, asOf: now, trend: false }).catch(
    (error: unknown) => {
      deps.logger.warn({ err: error, workspace: workspace.id }, "portfolio: review unavailable");
      missing.push("review numbers (the review could not be computed)");
      return undefined;
    },
  );
  const all = review?.rows.find((row) => row.serviceLine === "all");
  const syncs = review?.freshness.connections.map((connection) => connection.lastSyncAt) ?? [];
  // The stalest connection decides: one silent CRM makes the whole picture old.
  const lastSyncAt = syncs.length === 0 || syncs.includes(null) ? null : (syncs.sort()[0] ?? null);
  if (review && syncs.length === 0) missing.push("data freshness (no CRM connected)");
  return {
    workspace: workspace.id,
    name: workspace.name,
    role: workspace.role,
    responseTimeMedianMinutes: all?.responseTime.medianBusinessMinutes ?? null,
    responseWithinSlaRate: all?.responseTime.withinSlaRate ?? null,
    acceptanceRate: all?.acceptance.rate ?? null,
    coverage: all?.coverage.ratio ?? null,
    breachesThisWeek,
    dataFreshness: {
      lastSyncAt,
      ageMinutes: lastSyncAt === null ? null : Math.round((now.getTime() - Date.parse(lastSyncAt)) / 60_000),
    },
    missing,
  };
}

/** Most breaches first, then the slowest to respond within SLA, then the oldest data. */
function worstFirst(a: Headline, b: Headline): number {
  return (
    b.breachesThisWeek - a.breachesThisWeek ||
    (a.responseWithinSlaRate ?? 1) - (b.responseWithinSlaRate ?? 1) ||
    (b.dataFreshness.ageMinutes ?? Number.MAX_SAFE_INTEGER) - (a.dataFreshness.ageMinutes ?? Number.MAX_SAFE_INTEGER) ||
    a.name.localeCompare(b.name)
  );
}
