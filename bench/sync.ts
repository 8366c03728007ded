import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../packages/db/src/testing/index.ts";
import { newKeyRingEntry } from "../packages/runtime/src/index.ts";
import { processCpuMs } from "./sync/profile.ts";

// pnpm bench:sync [--leads 100000] [--small 10000] [--db postgres|pglite] [--no-naive] [--crm salesforce] [--write]
// Full sync of a HubSpot portal and a Salesforce org from the CRM sandbox at its real default limits
// (HubSpot 190 requests / 10 s, search 5 / s), each sync in its own process (peak RSS is the sync's own),
// beside the SDK's naive getAll; then an incremental sync of 1,000 changed contacts.
const { values } = parseArgs({
  options: {
    leads: { type: "string", default: "100000" },
    small: { type: "string", default: "10000" },
    db: { type: "string", default: "postgres" },
    "no-naive": { type: "boolean", default: false },
    "no-salesforce": { type: "boolean", default: false },
    // Only this CRM (salesforce skips HubSpot's ~6 minutes); for profiling, --write needs the whole bench.
    crm: { type: "string" },
    // Writes a timeline of SQL statements and CRM requests per sync to this folder, with a summary on stderr.
    profile: { type: "string" },
    write: { type: "boolean", default: false },
  },
});
const leads = Number(values.leads);
const small = Number(values.small);
process.env.TEST_DB = values.db === "pglite" ? "pglite" : "postgres";
const log = (...args: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...args);
const HUBSPOT_RATE = 19; // requests per second: 190 per 10 s
const SALESFORCE_RATE = 25; // our default Salesforce budget (the sandbox has only a daily allowance)

interface Sandbox {
  url: string;
  hubspot: { baseUrl: string; privateAppToken: string };
  salesforce: {
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    serviceLineField: string;
  };
  pid: number;
  stop(): void;
}

/** Runs `node …args` and resolves with the JSON of its last stdout line. */
async function runJson<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        reject(new Error(`${args.join(" ").slice(0, 80)} exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

async function startSandboxProcess(size: number): Promise<Sandbox> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bench/sync/sandbox-process.ts", String(size)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0] ?? "";
      if (out.includes("\n"))
        resolve({
          ...(JSON.parse(line) as Omit<Sandbox, "stop" | "pid">),
          pid: child.pid ?? 0,
          stop: () => child.kill("SIGTERM"),
        });
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

interface SyncFigures {
  status: string;
  wallMs: number;
  stats: { requests: number; retries: number; rateLimitWaits: number; rateLimitWaitMs: number; throttled: number };
  pages: number;
  recordsByObject: Record<string, number>;
  errors: unknown[];
  peakRssMb: number;
  baselineRssMb: number;
  rssSamplesMb: number[];
}

async function syncOnce(
  sandbox: Sandbox,
  crm: "hubspot" | "salesforce",
  mode: "full" | "incremental",
  target: { url?: string; dataDir: string; keyRing: string; prefix: string },
) {
  const settings =
    crm === "hubspot"
      ? { baseUrl: sandbox.hubspot.baseUrl }
      : {
          loginUrl: sandbox.salesforce.loginUrl,
          serviceLineField: sandbox.salesforce.serviceLineField,
          automatedField: "Is_Automated__c",
        };
  const credentials =
    crm === "hubspot"
      ? { kind: "private_app", token: sandbox.hubspot.privateAppToken }
      : {
          clientId: sandbox.salesforce.clientId,
          clientSecret: sandbox.salesforce.clientSecret,
          refreshToken: sandbox.salesforce.refreshToken,
        };
  const args = {
    crm,
    mode,
    databaseUrl: target.url,
    dataDir: target.dataDir,
    keyRing: target.keyRing,
    queuePrefix: target.prefix,
    settings,
    credentials,
    ...(values.profile ? { profile: join(values.profile, `${crm}-${mode}-${Date.now()}.jsonl`) } : {}),
  };
  const sandboxCpu = processCpuMs(sandbox.pid);
  // Run as the worker runs in production (ADR 0007: 4 MB semi-spaces).
  const figures = await runJson<SyncFigures>([
    "--max-semi-space-size=4",
    ...(values.profile ? [`--cpu-prof`, `--cpu-prof-dir=${values.profile}`] : []),
    "bench/sync/sync-process.ts",
    JSON.stringify(args),
  ]);
  if (values.profile)
    log(`${crm} ${mode}: the sandbox used ${(processCpuMs(sandbox.pid) - sandboxCpu) / 1000} s of CPU`);
  return figures;
}

const count = (figures: SyncFigures) => Object.values(figures.recordsByObject).reduce((a, b) => a + b, 0);
const pagesOf = (n: number | undefined, size: number) => Math.ceil((n ?? 0) / size);
/** The fewest requests the CRM allows for these records: list pages at their maximum size, plus the fixed reads. */
function hubspotMinimum(r: Record<string, number>) {
  return (
    1 +
    1 +
    pagesOf(r.contacts, 50) +
    pagesOf(r.deals, 50) +
    pagesOf(r.calls, 100) +
    pagesOf(r.emails, 100) +
    pagesOf(r.meetings, 100) +
    5
  );
}
function salesforceMinimum(r: Record<string, number>) {
  const objects = ["User", "Lead", "LeadHistory", "Opportunity", "OpportunityHistory", "Task", "Event"];
  // Keyset pages of 2,000 (a full page always asks for the next), plus one deleted-records query per object.
  return objects.reduce((sum, o) => sum + Math.floor((r[o] ?? 0) / 2_000) + 1, 0) + 4;
}

async function freshTarget() {
  const keyRing = newKeyRingEntry();
  const prefix = `bench-sync-${Date.now()}`;
  if (values.db === "pglite")
    return { dataDir: mkdtempSync(join(tmpdir(), "bench-sync-")), keyRing, prefix, close: async () => {} };
  const database = await createTestDatabase();
  const url = (database as { url?: string }).url;
  return { url, dataDir: "", keyRing, prefix, close: () => database.close() };
}

interface NaiveFigures {
  wallMs: number;
  records: Record<string, number>;
  failures: Record<string, string>;
  peakRssMb: number;
}
interface RunFigures {
  size: number;
  hs?: SyncFigures;
  hsMin?: number;
  hsFloor?: number;
  naive?: NaiveFigures;
  inc?: SyncFigures;
  sf?: SyncFigures;
  sfMin?: number;
  sfFloor?: number;
}

const rows: string[] = [];
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

async function measure(size: number, naive: boolean): Promise<RunFigures> {
  log(`sandbox with ${size} leads`);
  const sandbox = await startSandboxProcess(size);
  const db = await freshTarget();
  try {
    const hubspot = values.crm === "salesforce" ? undefined : await measureHubspot(sandbox, db, naive);
    if (values["no-salesforce"] || values.crm === "hubspot") return { size, ...hubspot };
    const sf = await syncOnce(sandbox, "salesforce", "full", db);
    const sfMin = salesforceMinimum(sf.recordsByObject);
    log("salesforce full", { ...sf, rssSamplesMb: undefined });
    return { size, ...hubspot, sf, sfMin, sfFloor: (sfMin / SALESFORCE_RATE) * 1000 };
  } finally {
    sandbox.stop();
    await db.close();
  }
}

/** HubSpot full sync, the naive baseline, then 1,000 changed contacts and an incremental sync. */
async function measureHubspot(sandbox: Sandbox, db: Awaited<ReturnType<typeof freshTarget>>, naive: boolean) {
  const hs = await syncOnce(sandbox, "hubspot", "full", db);
  const hsMin = hubspotMinimum(hs.recordsByObject);
  const hsFloor = (hsMin / HUBSPOT_RATE) * 1000;
  log("hubspot full", { ...hs, rssSamplesMb: undefined });
  let baseline: NaiveFigures | undefined;
  if (naive) {
    baseline = await runJson<NaiveFigures>([
      "bench/sync/naive-process.ts",
      JSON.stringify({ baseUrl: sandbox.hubspot.baseUrl, token: sandbox.hubspot.privateAppToken }),
    ]);
    log("naive getAll", baseline);
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // let the portal's window refill
  }
  const ids = await contactIds(sandbox, 1_000);
  await fetch(`${sandbox.url}/__sandbox/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMs: 60_000 }),
  });
  for (const id of ids) {
    await fetch(`${sandbox.url}/__sandbox/mutate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ crm: "hubspot", objectType: "contacts", id, set: { hs_lead_status: "CONNECTED" } }),
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 2_100)); // the sandbox's search index lag
  const inc = await syncOnce(sandbox, "hubspot", "incremental", db);
  log("hubspot incremental", { ...inc, rssSamplesMb: undefined });
  return { hs, hsMin, hsFloor, ...(baseline ? { naive: baseline } : {}), inc };
}

async function contactIds(sandbox: Sandbox, n: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  while (ids.length < n) {
    const url = new URL("/crm/v3/objects/contacts", sandbox.hubspot.baseUrl);
    url.searchParams.set("limit", "100");
    if (after) url.searchParams.set("after", after);
    const response = await fetch(url, { headers: { authorization: `Bearer ${sandbox.hubspot.privateAppToken}` } });
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      continue;
    }
    const body = (await response.json()) as { results: { id: string }[]; paging?: { next?: { after: string } } };
    ids.push(...body.results.map((r) => r.id));
    after = body.paging?.next?.after;
    if (!after) break;
  }
  return ids.slice(0, n);
}

// The table in BENCHMARKS.md is one run: a partial run (one CRM, no small size) is for profiling only.
if (values.write && (values.crm || small === 0 || values.profile))
  throw new Error("--write needs the whole bench (no --crm or --profile, --small > 0)");
const smallRun = small > 0 ? await measure(small, false) : undefined;
const bigRun = await measure(leads, !values["no-naive"]);
for (const run of [smallRun, bigRun]) {
  if (!run) continue;
  const hs = run.hs;
  if (hs && run.hsFloor !== undefined) {
    const records = count(hs);
    rows.push(
      `| ${run.size} | HubSpot full (ours) | ${records} | ${hs.stats.requests} (min ${run.hsMin}) | ${fmtS(hs.wallMs)} | ${fmtS(run.hsFloor)} | ${(hs.wallMs / run.hsFloor).toFixed(2)}× | ${Math.round((records / hs.wallMs) * 1000)} | ${hs.stats.throttled} | ${hs.status === "succeeded" ? 0 : 1} | ${Math.round(hs.peakRssMb)} MB (${Math.round(hs.baselineRssMb)} before the sync) |`,
    );
  }
  if (run.naive && run.hsFloor !== undefined) {
    const n = run.naive;
    const nRecords = Object.values(n.records).reduce((a, b) => a + b, 0);
    rows.push(
      `| ${run.size} | HubSpot SDK getAll, no limiter (naive, no DB) | ${nRecords} | – | ${fmtS(n.wallMs)} | ${fmtS(run.hsFloor)} | ${(n.wallMs / run.hsFloor).toFixed(2)}× | ${Math.round((nRecords / n.wallMs) * 1000)} | – | ${
        Object.keys(n.failures).length
          ? Object.entries(n.failures)
              .map(([k, v]) => `${k}: ${v}`)
              .join("; ")
          : 0
      } | ${Math.round(n.peakRssMb)} MB |`,
    );
  }
  const inc = run.inc;
  if (inc) {
    rows.push(
      `| ${run.size} | HubSpot incremental, 1,000 changed contacts | ${count(inc)} | ${inc.stats.requests} | ${fmtS(inc.wallMs)} | – | target ≤ 15 s | ${Math.round((count(inc) / inc.wallMs) * 1000)} | ${inc.stats.throttled} | ${inc.status === "succeeded" ? 0 : 1} | ${Math.round(inc.peakRssMb)} MB (${Math.round(inc.baselineRssMb)} before the sync) |`,
    );
  }
  const sf = run.sf;
  if (sf && run.sfMin !== undefined && run.sfFloor !== undefined) {
    rows.push(
      `| ${run.size} | Salesforce full (ours) | ${count(sf)} | ${sf.stats.requests} (min ${run.sfMin}) | ${fmtS(sf.wallMs)} | ${fmtS(run.sfFloor)} | ${(sf.wallMs / run.sfFloor).toFixed(2)}× | ${Math.round((count(sf) / sf.wallMs) * 1000)} | ${sf.stats.throttled} | ${sf.status === "succeeded" ? 0 : 1} | ${Math.round(sf.peakRssMb)} MB (${Math.round(sf.baselineRssMb)} before the sync) |`,
    );
  }
}
for (const row of rows) log(row);
if (values.write) {
  const heading = "## CRM sync";
  const section = [
    heading,
    "",
    `Command: \`pnpm bench:sync --leads ${leads} --small ${small} --db ${values.db}${values["no-naive"] ? " --no-naive" : ""}${values["no-salesforce"] ? " --no-salesforce" : ""} --write\` (Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end, ${new Date().toISOString().slice(0, 16)}Z).`,
    `CRM sandbox (seed 7) in its own process at its real default limits: HubSpot 190 requests / 10 s and search 5 / s; Salesforce has only a daily allowance, so our own default budget of ${SALESFORCE_RATE} requests / s is the floor's rate. Each sync runs in its own process through the real \`syncConnection\` processor into ${values.db}; peak RSS is that process's. Floor = minimum requests ÷ allowed rate (minimum: list pages at their maximum size, 50 with history, 100 without; 2,000 per SOQL batch). "throttled" = 429s the CRM answered.`,
    "",
    "| leads | run | records | requests | wall | floor | wall ÷ floor | records/s | throttled | errors | peak RSS |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  const file = new URL("../BENCHMARKS.md", import.meta.url);
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(heading);
  const end = at >= 0 ? text.indexOf("\n## ", at + heading.length) : -1;
  writeFileSync(
    file,
    at < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, at)}${section}${end >= 0 ? text.slice(end + 1) : ""}`,
  );
}
process.exit(0);
