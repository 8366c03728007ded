import { resolve } from "node:path";
import { parseConfig, sharedConfigFields } from "@revops/runtime";
import { z } from "zod";
import { authConfig, authConfigFields } from "./auth/config.ts";

/** Every setting of the API, with its default and how to fix it when it is wrong. */
const apiConfigSchema = z.object({
  ...sharedConfigFields,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe("TCP port to listen on, e.g. 3000"),
  HOST: z.string().min(1).default("127.0.0.1").describe("interface to bind, e.g. 127.0.0.1 or 0.0.0.0"),
  WEB_DIST: z.string().default("apps/web/dist").describe("folder of the built dashboard served in production mode"),
  EMBEDDED_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .describe("true to run the worker inside the API process when storage is embedded PGlite"),
  DEMO_WORKSPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .optional()
    .describe("id of a demo workspace to create at start, e.g. demo"),
  DEMO_CONNECTIONS: z
    .string()
    .optional()
    .describe("JSON list of CRM connections to create in the demo workspace (written by scripts/demo.ts)"),
  DEMO_LEADS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5_000)
    .describe("size of the demo's CRM sandbox in leads; scales the demo's quarterly targets"),
  PUBLIC_URL: z.url().optional().describe("the URL people open, e.g. https://revops.example.com (used in alert links)"),
  ...authConfigFields,
});

export type ApiConfig = ReturnType<typeof parseApiConfig>;

export function parseApiConfig(env: NodeJS.ProcessEnv) {
  const parsed = parseConfig(apiConfigSchema, env);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir: resolve(parsed.DATA_DIR),
    redisUrl: parsed.REDIS_URL,
    encryptionKeys: parsed.ENCRYPTION_KEYS,
    queuePrefix: parsed.QUEUE_PREFIX,
    logLevel: parsed.LOG_LEVEL,
    logPretty: parsed.LOG_PRETTY,
    embeddedWorker: parsed.EMBEDDED_WORKER === "true",
    demoWorkspace: parsed.DEMO_WORKSPACE,
    demoConnections: parsed.DEMO_CONNECTIONS,
    demoLeads: parsed.DEMO_LEADS,
    webDist: resolve(parsed.WEB_DIST),
    publicUrl: parsed.PUBLIC_URL ?? `http://${parsed.HOST === "0.0.0.0" ? "127.0.0.1" : parsed.HOST}:${parsed.PORT}`,
    auth: authConfig(parsed),
  };
}
