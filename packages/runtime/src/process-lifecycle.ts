import { ConfigError } from "./config.ts";

/** Runs an app's start-up: bad config exits 2 with the list of problems, anything else exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nFix the variables above (see README, Configuration) and start again.`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}

/** Calls `stop` once on the first SIGTERM or SIGINT, then exits 0. */
export function onShutdownSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(() => process.exit(0));
  };
  process.on("SIGTERM", () => handle("SIGTERM"));
  process.on("SIGINT", () => handle("SIGINT"));
}
