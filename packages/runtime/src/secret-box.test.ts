import { describe, expect, it } from "vitest";
import { createSecretBox, newKeyRingEntry } from "./secret-box.ts";

describe("secret box", () => {
  const oldKey = newKeyRingEntry(new Date("2025-01-01"));
  const newKey = newKeyRingEntry(new Date("2026-01-01"));

  it("seals with AES-256-GCM so the plaintext never appears, and opens it again", () => {
    const box = createSecretBox(oldKey);
    const sealed = box.seal("pat-na1-secret-token");
    expect(sealed.sealed).not.toContain("secret");
    expect(box.open(sealed)).toBe("pat-na1-secret-token");
  });

  it("rotates: the newest key seals, older keys still open, and old secrets are flagged", () => {
    const sealedWithOld = createSecretBox(oldKey).seal("refresh-token");
    const rotated = createSecretBox(`${newKey},${oldKey}`);
    expect(rotated.open(sealedWithOld)).toBe("refresh-token");
    expect(rotated.needsRotation(sealedWithOld)).toBe(true);
    expect(rotated.needsRotation(rotated.seal("x"))).toBe(false);
  });

  it("refuses a tampered secret and names a missing key", () => {
    const box = createSecretBox(oldKey);
    const sealed = box.seal("value");
    const tampered = { ...sealed, sealed: `${sealed.sealed.slice(0, -4)}AAAA` };
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(newKey).open(sealed)).toThrow(/not in ENCRYPTION_KEYS/);
  });
});
