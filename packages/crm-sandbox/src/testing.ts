import { type RunningSandbox, type StartOptions, startSandbox } from "./index.ts";

// Shared by the tests: a small sandbox at a fixed "now", with limits high enough not to get in the way.
export const TEST_NOW = "2026-11-24T12:00:00Z";

export function startTestSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  return startSandbox({
    seed: 7,
    leads: 400,
    now: TEST_NOW,
    ...options,
    limits: {
      hubspot: { perTenSeconds: 100_000, searchPerSecond: 1000, ...options.limits?.hubspot },
      ...options.limits,
    },
  });
}
