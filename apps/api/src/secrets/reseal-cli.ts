import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatabase } from "@revops/db";
import { ConfigError, parseConfig, runMain, sharedConfigFields } from "@revops/runtime";
import { z } from "zod";
import { type ResealReport, resealSecrets } from "./reseal-secrets.ts";

/**
 * `pnpm secrets:reseal [--dry-run]`: after a key rotation, seal every stored secret with the newest key.
 * Reads the same DATABASE_URL, DATA_DIR and ENCRYPTION_KEYS as the API. Exits 1 when a secret cannot be opened.
 */
const settings = z.object({
  DATABASE_URL: sharedConfigFields.DATABASE_URL,
  DATA_DIR: sharedConfigFields.DATA_DIR,
  ENCRYPTION_KEYS: sharedConfigFields.ENCRYPTION_KEYS,
});

/** The configured ring, or the key file the API created; never a new key (it would open nothing). */
function keyRingOf(config: z.infer<typeof settings>): string {
  if (config.ENCRYPTION_KEYS) return config.ENCRYPTION_KEYS;
  const file = join(resolve(config.DATA_DIR), "encryption.key");
  if (!existsSync(file))
    throw new ConfigError([
      `ENCRYPTION_KEYS is not set and ${file} does not exist: set ENCRYPTION_KEYS (newest key first) as for the API`,
    ]);
  return readFileSync(file, "utf8").trim();
}

const holderName = { connection: "CRM connection", channel: "alert channel" } as const;

function describe(report: ResealReport, dryRun: boolean): string {
  const lines = [
    dryRun
      ? `Dry run: ${report.wouldReseal} secret(s) would be sealed again with key "${report.activeKeyId}"; ${report.alreadyCurrent} already are.`
      : `Sealed ${report.resealed} secret(s) again with key "${report.activeKeyId}"; ${report.alreadyCurrent} already were.`,
  ];
  if (report.changedMeanwhile > 0)
    lines.push(
      `${report.changedMeanwhile} secret(s) were saved by someone else meanwhile and left as saved; run again.`,
    );
  for (const [keyId, count] of Object.entries(report.remainingByKey))
    lines.push(`${count} secret(s) still need key "${keyId}": keep it in ENCRYPTION_KEYS.`);
  if (report.unreadable.length > 0) {
    lines.push(`${report.unreadable.length} secret(s) could not be opened:`);
    for (const secret of report.unreadable)
      lines.push(
        `  - ${holderName[secret.holder]} ${secret.id} in workspace "${secret.workspaceId}": ${secret.reason}`,
      );
    lines.push("Add the missing key to ENCRYPTION_KEYS (after the newest) and run again, or enter those secrets anew.");
  }
  return lines.join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--dry-run");
  if (unknown.length > 0)
    throw new ConfigError([`unknown argument ${unknown.join(" ")}: the only option is --dry-run`]);
  const dryRun = args.includes("--dry-run");
  const config = parseConfig(settings, process.env);
  const keyRing = keyRingOf(config);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: resolve(config.DATA_DIR), poolSize: 2 });
  try {
    const report = await resealSecrets(database.db, keyRing, { dryRun });
    console.log(describe(report, dryRun));
    if (report.unreadable.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

runMain(main);
