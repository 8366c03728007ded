import { z } from "zod";

/** Sign-in settings of the API; merged into the API config schema. */
export const authConfigFields = {
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14)
    .describe("how long a sign-in lasts, in hours, e.g. 336 (14 days)"),
  PASSWORD_SCRYPT_LOG_N: z.coerce
    .number()
    .int()
    .min(10)
    .max(20)
    .default(17)
    .describe("scrypt cost for new password hashes as log2(N), e.g. 17 (OWASP); lower only in tests"),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .describe("true when behind a reverse proxy: the client address for sign-in limits is read from X-Forwarded-For"),
  DEMO_OWNER_EMAIL: z.email().default("demo@example.com").describe("the demo workspace's owner, e.g. demo@example.com"),
  DEMO_OWNER_PASSWORD: z
    .string()
    .min(12)
    .optional()
    .describe("password of the demo owner (at least 12 characters); unset: a random one is printed at start"),
  OIDC_ISSUER: z.url().optional().describe("single sign-on issuer URL, e.g. https://accounts.google.com"),
  OIDC_CLIENT_ID: z.string().min(1).optional().describe("single sign-on client id from your identity provider"),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().describe("single sign-on client secret"),
};

type AuthConfigInput = z.output<z.ZodObject<typeof authConfigFields>>;

export function authConfig(parsed: AuthConfigInput) {
  const oidc =
    parsed.OIDC_ISSUER && parsed.OIDC_CLIENT_ID
      ? { issuer: parsed.OIDC_ISSUER, clientId: parsed.OIDC_CLIENT_ID, clientSecret: parsed.OIDC_CLIENT_SECRET }
      : undefined;
  return {
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3_600_000,
    scryptLogN: parsed.PASSWORD_SCRYPT_LOG_N,
    trustProxy: parsed.TRUST_PROXY === "true",
    demoOwnerEmail: parsed.DEMO_OWNER_EMAIL,
    demoOwnerPassword: parsed.DEMO_OWNER_PASSWORD,
    oidc,
  };
}

export type AuthConfig = ReturnType<typeof authConfig>;
