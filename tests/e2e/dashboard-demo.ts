// The README's demo (scripts/demo.ts: API + embedded worker + CRM sandbox) started from scratch for the
// dashboard's browser tests and benchmark, with the dashboard built into a private folder.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { freePort, type RunningProcess, repoRoot, runNode, tempDataDir, waitFor } from "../support/processes.ts";

export const demoWorkspace = "demo";
const demoOwner = { email: "demo@example.com", password: "e2e-demo-password-1" };

export interface RunningDemo {
  baseUrl: string;
  process: RunningProcess;
  /** GET on the public API as the demo owner (the same calls the dashboard makes). */
  get<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/** Builds the dashboard into a folder of its own, so a concurrent build elsewhere cannot swap its chunks. */
export function buildDashboard(): string {
  const outDir = mkdtempSync(join(tmpdir(), "revops-web-"));
  execFileSync("pnpm", ["--filter", "@revops/web", "run", "build", "--outDir", outDir, "--emptyOutDir"], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return outDir;
}

async function signInCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(demoOwner),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/**
 * Starts the demo and waits until every sandbox connection has synced and the review facts exist.
 * With `databaseUrl` it runs as in production (infra/compose.yaml): Postgres, and the worker as its own process.
 */
export async function startDemo(
  options: { leads?: number; webDist?: string; syncTimeoutMs?: number; databaseUrl?: string } = {},
): Promise<RunningDemo> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const shared = {
    DATA_DIR: tempDataDir(),
    QUEUE_PREFIX: `e2e-web-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: "warn",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
  const child = runNode("scripts/demo.ts", {
    ...shared,
    PORT: String(port),
    DEMO_LEADS: String(options.leads ?? 1500),
    DEMO_OWNER_EMAIL: demoOwner.email,
    DEMO_OWNER_PASSWORD: demoOwner.password,
    WEB_DIST: options.webDist ?? buildDashboard(),
  });
  const worker = options.databaseUrl ? runNode("apps/worker/src/main.ts", shared) : undefined;
  const stopAll = async () => {
    await Promise.all([child.stop(), worker?.stop()]);
  };
  try {
    return { ...(await waitUntilSynced(baseUrl, child, options.syncTimeoutMs ?? 240_000)), stop: stopAll };
  } catch (error) {
    await stopAll();
    throw new Error(
      `${String(error)}\n--- demo output ---\n${child.output().slice(-4000)}${worker ? `\n--- worker output ---\n${worker.output().slice(-4000)}` : ""}`,
    );
  }
}

async function waitUntilSynced(baseUrl: string, child: RunningProcess, syncTimeoutMs: number): Promise<RunningDemo> {
  await waitFor("the demo API", async () => ((await fetch(`${baseUrl}/health/ready`)).ok ? true : undefined), 120_000);
  const cookie = await signInCookie(baseUrl);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  await waitFor(
    "every demo connection to finish its first sync",
    async () => {
      const [{ connections }, { runs }] = await Promise.all([
        get<{ connections: Array<{ id: string }> }>(`/api/v1/workspaces/${demoWorkspace}/connections`),
        get<{ runs: Array<{ connectionId: string; status: string }> }>(`/api/v1/workspaces/${demoWorkspace}/sync-runs`),
      ]);
      const synced = (id: string) => runs.some((run) => run.connectionId === id && run.status === "succeeded");
      return connections.length > 0 && connections.every((c) => synced(c.id)) ? true : undefined;
    },
    syncTimeoutMs,
  );
  return {
    baseUrl,
    process: child,
    get,
    stop: async () => {
      await child.stop();
    },
  };
}

/** Signs the browser context in as the demo owner, through the same API the sign-in page uses. */
export async function signIn(context: BrowserContext, baseUrl: string): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/v1/auth/sign-in`, {
    data: demoOwner,
    headers: { origin: baseUrl },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}
