import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newKeyRingEntry } from "./secret-box.ts";

/**
 * The configured key ring, or (demo and single-machine installs) one kept in DATA_DIR/encryption.key,
 * created on first start with owner-only permissions.
 */
export function resolveKeyRing(
  configured: string | undefined,
  dataDir: string,
): { keyRing: string; source: "config" | "file" } {
  if (configured) return { keyRing: configured, source: "config" };
  const file = join(dataDir, "encryption.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${newKeyRingEntry()}\n`, { mode: 0o600, flag: "wx" });
  }
  return { keyRing: readFileSync(file, "utf8").trim(), source: "file" };
}
