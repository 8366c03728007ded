import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random bearer secret (session id, invitation link, API token), 256 bits. */
export const newSecret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;

/** What the database keeps of a secret: its SHA-256, enough to recognise it, useless to present. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
