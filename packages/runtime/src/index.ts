export { ConfigError, parseConfig } from "./config.ts";
export { sharedConfigFields } from "./config-fields.ts";
export { resolveKeyRing } from "./key-ring.ts";
export { createLogger, type Logger } from "./logger.ts";
export { onShutdownSignal, runMain } from "./process-lifecycle.ts";
export { redisUnreachableMessage } from "./redis-unreachable.ts";
export { createSecretBox, newKeyRingEntry, parseKeyRing, type SealedSecret, type SecretBox } from "./secret-box.ts";
