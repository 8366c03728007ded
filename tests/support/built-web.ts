import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./processes.ts";

/** The browser tests run against the production build served by the API: build it if missing. */
export function ensureWebBuilt(): void {
  if (existsSync(join(repoRoot, "apps/web/dist/index.html"))) return;
  execFileSync("pnpm", ["--filter", "@revops/web", "build"], { cwd: repoRoot, stdio: "inherit" });
}
