import { ConfigError } from "@revops/runtime";
import { describe, expect, it } from "vitest";
import { parseApiConfig } from "./config.ts";

describe("API config", () => {
  it("has working defaults: embedded PGlite in .data and local Redis", () => {
    const config = parseApiConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(config.port).toBe(3000);
  });

  it("lists every invalid variable at once, with how to fix it", () => {
    let caught: unknown;
    try {
      parseApiConfig({ PORT: "http", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/PORT="http".*e\.g\. 3000/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL="mysql:\/\/x".*postgres:\/\//);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL="loud".*one of fatal/);
  });
});
