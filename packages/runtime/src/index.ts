export { ConfigError, parseConfig } from "./config.ts";
export { sharedConfigFields } from "./config-fields.ts";
export { createLogger, type Logger } from "./logger.ts";
export { redisUnreachableMessage } from "./redis-unreachable.ts";
