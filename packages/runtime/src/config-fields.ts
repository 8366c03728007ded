import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

/** Settings the API and the worker share: the same database, Redis and logs. */
export const sharedConfigFields = {
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe("Postgres connection string, e.g. postgres://user@127.0.0.1:5432/revops; unset to use embedded PGlite"),
  DATA_DIR: z.string().min(1).default(".data").describe("folder for embedded PGlite data, e.g. .data"),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .default("redis://127.0.0.1:6379")
    .describe("Redis URL, e.g. redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/)
    .default("revops")
    .describe("prefix of the queue keys in Redis, e.g. revops"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("one of fatal, error, warn, info, debug, trace, silent"),
  ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/,
      "must be id:base64key[,id:base64key...]",
    )
    .optional()
    .describe(
      "key ring for secrets at rest, newest first, e.g. k1:$(openssl rand -base64 32); unset: a key is created in DATA_DIR/encryption.key",
    ),
  LOG_PRETTY: booleanFlag.default(false).describe("true for human-readable logs"),
};
