import { type Database, recordAudit } from "@revops/db";
import { listAllSealedSecrets, replaceSealedSecret, type SecretHolder } from "@revops/db/sealed-secrets";
import { createSecretBox, parseKeyRing } from "@revops/runtime";

interface UnreadableSecret {
  holder: SecretHolder;
  id: string;
  workspaceId: string;
  keyId: string;
  reason: string;
}

export interface ResealReport {
  /** The key every secret is now sealed with. */
  activeKeyId: string;
  resealed: number;
  /** Dry run only: how many would be re-sealed. */
  wouldReseal: number;
  alreadyCurrent: number;
  /** Saved by someone else while the command ran: left as saved (re-run to check). */
  changedMeanwhile: number;
  unreadable: UnreadableSecret[];
  /** Secrets still sealed with each older key, after this run (what keeps that key needed). */
  remainingByKey: Record<string, number>;
}

/**
 * Seals every CRM credential and channel secret of every workspace again with the newest key of the
 * ring. Idempotent: a secret already sealed with it is left alone, so the command is safe to re-run.
 * `dryRun` only counts, to check that no secret still needs an old key before removing it.
 */
export async function resealSecrets(db: Database, keyRing: string, options: { dryRun?: boolean } = {}) {
  const box = createSecretBox(keyRing);
  const keyIds = new Set(parseKeyRing(keyRing).map((key) => key.id));
  const report: ResealReport = {
    activeKeyId: box.activeKeyId,
    resealed: 0,
    wouldReseal: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    unreadable: [],
    remainingByKey: {},
  };
  const resealedPerWorkspace = new Map<string, number>();
  for (const stored of await listAllSealedSecrets(db)) {
    const { holder, id, workspaceId, secret } = stored;
    if (!box.needsRotation(secret)) {
      report.alreadyCurrent += 1;
      continue;
    }
    let plaintext: string;
    try {
      plaintext = box.open(secret);
    } catch {
      // The reason names the key, never anything of the value.
      const reason = keyIds.has(secret.keyId)
        ? `key "${secret.keyId}" is in ENCRYPTION_KEYS but does not open it (a different key under the same id, or a damaged value)`
        : `sealed with key "${secret.keyId}", which is not in ENCRYPTION_KEYS`;
      report.unreadable.push({ holder, id, workspaceId, keyId: secret.keyId, reason });
      report.remainingByKey[secret.keyId] = (report.remainingByKey[secret.keyId] ?? 0) + 1;
      continue;
    }
    if (options.dryRun) {
      report.wouldReseal += 1;
      report.remainingByKey[secret.keyId] = (report.remainingByKey[secret.keyId] ?? 0) + 1;
      continue;
    }
    const resealed = box.seal(plaintext);
    if (await replaceSealedSecret(db, { holder, id, workspaceId, read: secret, resealed })) {
      report.resealed += 1;
      resealedPerWorkspace.set(workspaceId, (resealedPerWorkspace.get(workspaceId) ?? 0) + 1);
    } else report.changedMeanwhile += 1;
  }
  for (const [workspaceId, count] of resealedPerWorkspace) {
    await recordAudit(db, {
      workspaceId,
      actor: "secrets:reseal",
      action: "secrets.resealed",
      target: box.activeKeyId,
      detail: { count },
    });
  }
  return report;
}
