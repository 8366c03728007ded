import { listAllConnections } from "@revops/db";
import { type JobQueues, syncConnection } from "@revops/queue";

const schedulerId = (connectionId: string) => `sync-connection:${connectionId}`;

/** The incremental sync of one connection every `syncEveryMinutes` (upserted on create/update). */
export async function upsertConnectionSchedule(
  queues: JobQueues,
  connection: { id: string; workspaceId: string; syncEveryMinutes: number },
): Promise<void> {
  await queues.queue(syncConnection.queue).upsertJobScheduler(
    schedulerId(connection.id),
    // The first run comes one interval later: a new connection gets its full sync separately.
    { every: connection.syncEveryMinutes * 60_000, startDate: Date.now() + connection.syncEveryMinutes * 60_000 },
    {
      name: syncConnection.name,
      data: syncConnection.payload.parse({
        workspaceId: connection.workspaceId,
        connectionId: connection.id,
        mode: "incremental",
        reason: "schedule",
      }),
      opts: syncConnection.options,
    },
  );
}

export async function removeConnectionSchedule(queues: JobQueues, connectionId: string): Promise<void> {
  await queues.queue(syncConnection.queue).removeJobScheduler(schedulerId(connectionId));
}

/** Boot step: one scheduler per existing connection. */
export async function upsertConnectionSchedules(deps: {
  database: { db: Parameters<typeof listAllConnections>[0] };
  queues: JobQueues;
}) {
  for (const connection of await listAllConnections(deps.database.db))
    await upsertConnectionSchedule(deps.queues, connection);
}
