import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

const keyLength = 32;
const blockSize = 8;
const parallelism = 1;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * (options.N ?? 16384) * (options.r ?? 8) + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A slow, salted scrypt hash; the parameters travel in the string so the cost can rise later. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: 2 ** logN, r: blockSize, p: parallelism });
  return ["scrypt", logN, blockSize, parallelism, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, expected] = stored.split("$");
  if (scheme !== "scrypt" || !logN || !r || !p || !salt || !expected) return false;
  const expectedKey = Buffer.from(expected, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}

const dummyHashes = new Map<number, Promise<string>>();

/** Spends the same time as a real check when the account does not exist, so timing does not tell. */
export async function spendPasswordCheck(password: string, logN: number): Promise<false> {
  if (!dummyHashes.has(logN)) dummyHashes.set(logN, hashPassword(randomBytes(16).toString("hex"), logN));
  await verifyPassword(password, (await dummyHashes.get(logN)) ?? "");
  return false;
}
