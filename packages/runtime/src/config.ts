import type { z } from "zod";

/** Raised with every invalid variable at once, so one restart fixes them all. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.problems = problems;
  }
}

export function parseConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const hint = (schema.shape as Record<string, z.ZodType>)[name]?.description;
    return `${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}${hint ? ` (expected ${hint})` : ""}`;
  });
  throw new ConfigError(problems);
}
