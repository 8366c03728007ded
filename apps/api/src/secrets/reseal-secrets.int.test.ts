import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  auditLog,
  connections,
  createAlertChannel,
  createConnection,
  type Database,
  type DatabaseHandle,
  ensureWorkspace,
  migrateDatabase,
  openDatabase,
} from "@revops/db";
import { listAllSealedSecrets, replaceSealedSecret } from "@revops/db/sealed-secrets";
import { createTestDatabase, testDatabaseKind } from "@revops/db/testing";
import { createSecretBox } from "@revops/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { resealSecrets } from "./reseal-secrets.ts";

const key = (byte: string) => Buffer.alloc(32, byte).toString("base64");
const k0 = `k0:${key("0")}`; // a retired key nobody kept
const k1 = `k1:${key("1")}`;
const k2 = `k2:${key("2")}`;
const k1Impostor = `k1:${key("x")}`; // another key under the old id
const rotatedRing = `${k2},${k1}`;

/** Two workspaces with secrets sealed under every key situation a rotation meets. */
async function seed(db: Database) {
  await ensureWorkspace(db, { id: "alpha", name: "Alpha" });
  await ensureWorkspace(db, { id: "beta", name: "Beta" });
  const sealWith = (ring: string, value: unknown) => createSecretBox(ring).seal(JSON.stringify(value));
  const connect = (workspaceId: string, name: string, credentials: { keyId: string; sealed: string }) =>
    createConnection(db, { workspaceId, crm: "hubspot", name, settings: {}, credentials });
  const channel = (workspaceId: string, key: string, secrets: { keyId: string; sealed: string } | null) =>
    createAlertChannel(db, { workspaceId, channel: { key, name: key, kind: "slack", settings: {}, secrets } });
  await connect("alpha", "old key", sealWith(k1, { kind: "private_app", token: "alpha-token" }));
  await connect("beta", "old key", sealWith(k1, { kind: "private_app", token: "beta-token" }));
  await channel("alpha", "old-key", sealWith(k1, { webhookUrl: "https://hooks.test/alpha" }));
  await channel("beta", "new-key", sealWith(k2, { webhookUrl: "https://hooks.test/beta" }));
  await channel("beta", "no-secrets", null);
  const lost = await connect("beta", "retired key", sealWith(k0, { kind: "private_app", token: "lost" }));
  const impostor = await channel("alpha", "impostor", sealWith(k1Impostor, { webhookUrl: "https://hooks.test/x" }));
  return { lostId: lost.id, impostorId: impostor?.id };
}

const plaintexts = async (db: Database, ring: string) => {
  const box = createSecretBox(ring);
  const secrets = await listAllSealedSecrets(db);
  return secrets.flatMap((stored) => {
    try {
      return [`${stored.secret.keyId} ${box.open(stored.secret)}`];
    } catch {
      return [];
    }
  });
};

describe("re-sealing every secret with the newest key", () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it("re-seals what the old keys open, names what they cannot, and is idempotent", async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    const { lostId, impostorId } = await seed(db);
    const before = JSON.stringify(await listAllSealedSecrets(db));

    const dryRun = await resealSecrets(db, rotatedRing, { dryRun: true });
    expect(dryRun).toMatchObject({ resealed: 0, wouldReseal: 3, alreadyCurrent: 1 });
    expect(JSON.stringify(await listAllSealedSecrets(db))).toBe(before);

    const first = await resealSecrets(db, rotatedRing);
    expect(first).toMatchObject({ activeKeyId: "k2", resealed: 3, alreadyCurrent: 1, changedMeanwhile: 0 });
    expect(first.remainingByKey).toEqual({ k0: 1, k1: 1 });
    expect(first.unreadable).toEqual([
      expect.objectContaining({ holder: "connection", id: lostId, workspaceId: "beta", keyId: "k0" }),
      expect.objectContaining({ holder: "channel", id: impostorId, workspaceId: "alpha", keyId: "k1" }),
    ]);
    expect(first.unreadable[0]?.reason).toBe('sealed with key "k0", which is not in ENCRYPTION_KEYS');
    expect(first.unreadable[1]?.reason).toContain("does not open it");
    // The old key can go: the newest key alone opens every secret that was readable, unchanged.
    expect((await plaintexts(db, k2)).sort()).toEqual(
      [
        'k2 {"kind":"private_app","token":"alpha-token"}',
        'k2 {"kind":"private_app","token":"beta-token"}',
        'k2 {"webhookUrl":"https://hooks.test/alpha"}',
        'k2 {"webhookUrl":"https://hooks.test/beta"}',
      ].sort(),
    );
    const audit = await db.select().from(auditLog);
    expect(audit.map(({ workspaceId, action, detail }) => ({ workspaceId, action, detail }))).toEqual(
      expect.arrayContaining([
        { workspaceId: "alpha", action: "secrets.resealed", detail: { count: 2 } },
        { workspaceId: "beta", action: "secrets.resealed", detail: { count: 1 } },
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain("token");

    const afterFirst = JSON.stringify(await listAllSealedSecrets(db));
    const second = await resealSecrets(db, rotatedRing);
    expect(second).toMatchObject({ resealed: 0, alreadyCurrent: 4, changedMeanwhile: 0 });
    expect(second.unreadable.map((secret) => secret.keyId)).toEqual(["k0", "k1"]);
    expect(JSON.stringify(await listAllSealedSecrets(db))).toBe(afterFirst);
  });

  it("never overwrites a secret saved after it was read", async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await seed(db);
    const [stale] = (await listAllSealedSecrets(db)).filter(
      (stored) => stored.holder === "connection" && stored.secret.keyId === "k1",
    );
    if (!stale) throw new Error("no secret sealed with k1");
    const box = createSecretBox(rotatedRing);
    const saved = box.seal(JSON.stringify({ kind: "private_app", token: "saved meanwhile" }));
    // Someone saves new credentials (on every connection: the stale one among them) after the read.
    await db.update(connections).set({ credentials: saved });
    const replaced = await replaceSealedSecret(db, { ...stale, read: stale.secret, resealed: box.seal("stale") });
    expect(replaced).toBe(false);
    expect((await plaintexts(db, k2)).some((text) => text.includes("stale"))).toBe(false);
  });
});

const run = promisify(execFile);
const cli = fileURLToPath(new URL("./reseal-cli.ts", import.meta.url));

describe("pnpm secrets:reseal", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A database the command can reach from its own process: a Postgres test database, or PGlite on disk. */
  async function reachableDatabase(): Promise<{ db: Database; env: NodeJS.ProcessEnv; release: () => Promise<void> }> {
    if (testDatabaseKind() === "postgres") {
      const created = await createTestDatabase();
      cleanups.push(() => created.close());
      return { db: created.db, env: { DATABASE_URL: created.url }, release: async () => {} };
    }
    const dataDir = mkdtempSync(join(tmpdir(), "revops-reseal-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const opened = await openDatabase({ dataDir });
    await migrateDatabase(opened);
    // PGlite is single-process: the command may only open it once this process has let go.
    return { db: opened.db, env: { DATA_DIR: dataDir }, release: () => opened.close() };
  }

  const reseal = async (env: NodeJS.ProcessEnv, ...args: string[]) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    try {
      const { stdout } = await run(process.execPath, [cli, ...args], { env: { ...inherited, ...env } });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
    }
  };

  it("reports counts and names each secret it cannot open with the missing key, exiting 1", async () => {
    const { db, env, release } = await reachableDatabase();
    const { lostId } = await seed(db);
    await release();
    const ring = { ...env, ENCRYPTION_KEYS: rotatedRing };

    const dryRun = await reseal(ring, "--dry-run");
    expect(dryRun.stdout).toContain('Dry run: 3 secret(s) would be sealed again with key "k2"; 1 already are.');

    const first = await reseal(ring);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Sealed 3 secret(s) again with key "k2"; 1 already were.');
    expect(first.stdout).toContain(`CRM connection ${lostId} in workspace "beta": sealed with key "k0"`);
    expect(first.stdout).toContain('1 secret(s) still need key "k0"');
    expect(first.stdout).not.toContain("token");

    const again = await reseal(ring);
    expect(again.stdout).toContain('Sealed 0 secret(s) again with key "k2"; 4 already were.');

    const wrongArgument = await reseal(ring, "--force");
    expect(wrongArgument.code).toBe(2);
    expect(wrongArgument.stdout).toContain("unknown argument --force: the only option is --dry-run");
  });
});
