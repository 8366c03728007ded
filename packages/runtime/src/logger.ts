import pino, { type Logger } from "pino";

export type { Logger };

/** JSON logs by default; pretty only when asked. Secrets are redacted wherever they appear. */
export function createLogger(options: { level: string; pretty: boolean; name: string }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: {
      paths: [
        "*.password",
        "*.token",
        "*.accessToken",
        "*.refreshToken",
        "*.clientSecret",
        "*.secret",
        "req.headers.authorization",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
    ...(options.pretty ? { transport: { target: "pino-pretty", options: { destination: 1 } } } : {}),
  });
}
