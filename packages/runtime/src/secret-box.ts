import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** What is stored for a secret: the key it was sealed with, so keys can be rotated. */
export interface SealedSecret {
  keyId: string;
  /** base64 of iv (12 bytes) + auth tag (16 bytes) + ciphertext */
  sealed: string;
}

export interface SecretBox {
  activeKeyId: string;
  seal(plaintext: string): SealedSecret;
  open(secret: SealedSecret): string;
  /** True when the secret was sealed with an older key and should be sealed again. */
  needsRotation(secret: SealedSecret): boolean;
}

/**
 * AES-256-GCM with a key ring: the first key seals, every listed key opens.
 * Keys are given as "id:base64key" pairs, newest first (ENCRYPTION_KEYS).
 */
export function createSecretBox(keyRing: string): SecretBox {
  const keys = parseKeyRing(keyRing);
  const active = keys[0];
  if (!active) throw new Error("ENCRYPTION_KEYS holds no key");
  const byId = new Map(keys.map((key) => [key.id, key.key]));
  return {
    activeKeyId: active.id,
    seal: (plaintext) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", active.key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return { keyId: active.id, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64") };
    },
    open: (secret) => {
      const key = byId.get(secret.keyId);
      if (!key) throw new Error(`secret sealed with key "${secret.keyId}", which is not in ENCRYPTION_KEYS any more`);
      const raw = Buffer.from(secret.sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    needsRotation: (secret) => secret.keyId !== active.id,
  };
}

export function parseKeyRing(keyRing: string): { id: string; key: Buffer }[] {
  return keyRing
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, encoded] = entry.split(":");
      const key = Buffer.from(encoded ?? "", "base64");
      if (!id || key.length !== 32)
        throw new Error(`ENCRYPTION_KEYS entry "${id ?? ""}" must be id:<32 bytes in base64>`);
      return { id, key };
    });
}

/** A fresh key ring entry, e.g. for `openssl`-less set-ups: "k<date>:<base64>". */
export function newKeyRingEntry(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(32).toString("base64")}`;
}
