import { expect, it } from "vitest";
import { hashPassword, spendPasswordCheck, verifyPassword } from "./password.ts";

it("hashes with a salt and its parameters, and verifies only the right password", async () => {
  const first = await hashPassword("correct horse battery staple", 10);
  const second = await hashPassword("correct horse battery staple", 10);
  expect(first).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(first).not.toBe(second);
  expect(await verifyPassword("correct horse battery staple", first)).toBe(true);
  expect(await verifyPassword("correct horse battery stapl", first)).toBe(false);
  expect(await verifyPassword("correct horse battery staple", "plain-text")).toBe(false);
});

it("verifies a hash made with another cost, so the cost can rise without resetting passwords", async () => {
  const older = await hashPassword("pw with a lower cost", 11);
  expect(await verifyPassword("pw with a lower cost", older)).toBe(true);
});

it("spends a real check for an unknown account and always says no", async () => {
  expect(await spendPasswordCheck("anything", 10)).toBe(false);
});
