import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { alertChannels } from "../schema/alerts.ts";
import { connections } from "../schema/connections.ts";

// Exported as @revops/db/sealed-secrets: only the re-seal command reads across workspaces.
type Sealed = { keyId: string; sealed: string };

/** What holds a sealed secret: a CRM connection's credentials or an alert channel's secrets. */
export type SecretHolder = "connection" | "channel";

export interface StoredSecret {
  holder: SecretHolder;
  id: string;
  workspaceId: string;
  secret: Sealed;
}

/** Every sealed secret of every workspace (key rotation re-seals them all, whoever owns them). */
export async function listAllSealedSecrets(db: Database): Promise<StoredSecret[]> {
  const credentials = await db
    .select({ id: connections.id, workspaceId: connections.workspaceId, secret: connections.credentials })
    .from(connections)
    .orderBy(asc(connections.workspaceId), asc(connections.id));
  const channelSecrets = await db
    .select({ id: alertChannels.id, workspaceId: alertChannels.workspaceId, secret: alertChannels.secrets })
    .from(alertChannels)
    .where(isNotNull(alertChannels.secrets))
    .orderBy(asc(alertChannels.workspaceId), asc(alertChannels.id));
  return [
    ...credentials.map((row) => ({ holder: "connection" as const, ...row })),
    ...channelSecrets.flatMap((row) =>
      row.secret ? [{ holder: "channel" as const, ...row, secret: row.secret }] : [],
    ),
  ];
}

/**
 * Stores a re-sealed secret only while the row still holds the value that was read, so a save made
 * in between (a new token, new channel secrets) is never overwritten. False when it was.
 */
export async function replaceSealedSecret(
  db: Database,
  params: { holder: SecretHolder; id: string; workspaceId: string; read: Sealed; resealed: Sealed },
): Promise<boolean> {
  const { workspaceId, id, read, resealed } = params;
  const stillRead = (column: typeof connections.credentials | typeof alertChannels.secrets) =>
    and(sql`${column}->>'keyId' = ${read.keyId}`, sql`${column}->>'sealed' = ${read.sealed}`);
  const replaced =
    params.holder === "connection"
      ? await db
          .update(connections)
          .set({ credentials: resealed })
          .where(
            and(eq(connections.workspaceId, workspaceId), eq(connections.id, id), stillRead(connections.credentials)),
          )
          .returning({ id: connections.id })
      : await db
          .update(alertChannels)
          .set({ secrets: resealed })
          .where(
            and(eq(alertChannels.workspaceId, workspaceId), eq(alertChannels.id, id), stillRead(alertChannels.secrets)),
          )
          .returning({ id: alertChannels.id });
  return replaced.length > 0;
}
