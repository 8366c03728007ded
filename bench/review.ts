import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { newApp } from "../apps/api/src/app.ts";
import { createTestPerson, grantRole } from "../apps/api/src/auth/testing.ts";
import { parseApiConfig } from "../apps/api/src/config.ts";
import { demoDefinitions } from "../apps/api/src/demo-definitions.ts";
import { recomputeFactsJob } from "../apps/worker/src/processors/recompute-facts.ts";
import { type Definitions, defaultDefinitions, weekBounds } from "../packages/core/src/index.ts";
import { ensureWorkspace, insertDefinitionVersion, listConnections } from "../packages/db/src/index.ts";
import {
  countRows,
  generateBenchRecords,
  insertTestConnection,
  openBenchDatabase,
  rawReviewFigures,
  recordBenchSyncRun,
  touchBenchLeads,
} from "../packages/db/src/testing/index.ts";
import { JobQueues } from "../packages/queue/src/index.ts";
import { createTestRedis } from "../packages/queue/src/testing/index.ts";
import { createLogger } from "../packages/runtime/src/index.ts";
import {
  type BenchSandbox,
  type BenchSync,
  benchWorkerDeps,
  changeSandboxContacts,
  connectBenchSandbox,
  runBenchSync,
  SANDBOX_NOW,
  startBenchSandbox,
  takeQueuedRecompute,
} from "./review/sandbox-data.ts";

// pnpm bench:review [--db pglite|postgres] [--data sandbox|sql] [--leads 50000] [--runs 20] [--keep-db name] [--write]
// Facts-based review API vs one straightforward SQL query over the raw tables, side by side.
// --data sandbox (default): the CRM sandbox (seed 7) serves a HubSpot portal and a real full sync loads it
// (bench/review/sandbox-data.ts); 1,000 contacts are then changed in the sandbox and an incremental sync runs.
// --data sql: the direct SQL generator of canonical HubSpot rows (faster; packages/db/src/testing/bench-records.ts).
// --keep-db (Postgres) keeps the database under that name and, when it already holds the bench workspace,
// reuses it without generating, syncing or recomputing; its incremental part is then the SQL touch of 1,000
// leads (no sandbox runs) (for exploring; refused with --write).
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    data: { type: "string", default: "sandbox" },
    leads: { type: "string", default: "50000" },
    runs: { type: "string", default: "20" },
    write: { type: "boolean", default: false },
    "keep-db": { type: "string" },
  },
});
if (values.write && values["keep-db"]) throw new Error("--write measures from a new database: drop --keep-db");
if (values.data !== "sandbox" && values.data !== "sql") throw new Error("--data is sandbox or sql");
const leads = Number(values.leads);
const runs = Number(values.runs);
const ws = "bench";
const ms = (start: number) => performance.now() - start;
const log = (...args: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...args);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
const fmt = (v: number) => `${Math.round(v)} ms`;
const fmtS = (v: number) => `${(v / 1000).toFixed(1)} s`;

const database = await openBenchDatabase(
  values.db === "postgres" ? "postgres" : "pglite",
  process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  { keep: values["keep-db"] },
);
const redis = await createTestRedis();
const queues = new JobQueues(redis.redis, redis.prefix);
const logger = createLogger({ level: "silent", pretty: false, name: "bench" });
const worker = benchWorkerDeps({ database, redis: redis.redis, prefix: redis.prefix, queues, logger });

/** The SQL generator's definitions: its three service lines, three sources and FY2025-Q4 targets. */
function sqlDefinitions(): Definitions {
  const defs = defaultDefinitions();
  const lines = ["cloud", "data", "security"];
  return {
    ...defs,
    serviceLines: lines.map((key) => ({ key, label: key })),
    serviceLineMap: ["Cloud", "Data", "Security"].map((value, i) => ({
      crm: "hubspot",
      value,
      serviceLine: lines[i] ?? "",
    })),
    sourceCategoryMap: [
      { crm: "hubspot", value: "Web", category: "marketing" },
      { crm: "hubspot", value: "Outbound", category: "sales" },
      { crm: "hubspot", value: "Partner", category: "partner" },
    ],
    targets: lines.map((serviceLine) => ({ serviceLine, fiscalQuarter: "FY2025-Q4", amount: 2_000_000 })),
  };
}

/** Each data source's story covers other dates: the week reviewed, its asOf and an instant inside it. */
const dates =
  values.data === "sandbox"
    ? // The sandbox story spans the 112 days before SANDBOX_NOW (2026-11-24T12:00Z): W−12..W lie inside it.
      {
        week: "2026-W45",
        asOf: "2026-11-25T00:00:00Z",
        inWeek: "2026-11-05T12:00:00Z",
        touchAt: "2026-11-24T12:01:00Z",
      }
    : {
        week: "2025-W41",
        asOf: "2025-12-31T00:00:00Z",
        inWeek: "2025-10-09T12:00:00Z",
        touchAt: "2025-12-30T10:00:00Z",
      };
const WEEK = dates.week;
const AS_OF = dates.asOf;
/** Thursday noon of W: the week is still in progress. */
const IN_WEEK = dates.inWeek;

async function fullRecompute(): Promise<number> {
  const t = performance.now();
  await recomputeFactsJob({ database, queues, logger }, { workspaceId: ws, all: true, reason: "bench" });
  const fullRecomputeMs = ms(t);
  log("full recompute", fmt(fullRecomputeMs));
  return fullRecomputeMs;
}

/** A new bench workspace from the SQL generator: definitions, a HubSpot connection, records, a full recompute. */
async function generateSql(db: typeof database.db): Promise<{ generateMs: number; fullRecomputeMs: number }> {
  await ensureWorkspace(db, { id: ws, name: "Bench" });
  await insertDefinitionVersion(db, { workspaceId: ws, createdBy: "bench", diff: [], document: sqlDefinitions() });
  const connectionId = await insertTestConnection(db, {
    workspaceId: ws,
    crm: "hubspot",
    settings: { portalId: "1" },
  });
  const t = performance.now();
  await generateBenchRecords(db, { workspaceId: ws, connectionId, leads });
  await recordBenchSyncRun(db, { workspaceId: ws, connectionId });
  const generateMs = ms(t);
  log("generated", fmt(generateMs));
  return { generateMs, fullRecomputeMs: await fullRecompute() };
}

/** A new bench workspace from the sandbox: the demo's definitions, a HubSpot connection, a full sync, a full recompute. */
async function loadSandbox(db: typeof database.db, sandbox: BenchSandbox) {
  await ensureWorkspace(db, { id: ws, name: "Bench" });
  await insertDefinitionVersion(db, {
    workspaceId: ws,
    createdBy: "bench",
    diff: [],
    document: demoDefinitions(defaultDefinitions(), new Date(SANDBOX_NOW), leads),
  });
  const connectionId = await connectBenchSandbox(worker, sandbox, ws);
  const sync = await runBenchSync(worker, { workspaceId: ws, connectionId, mode: "full" });
  log("full sync", fmtS(sync.ms), `${sync.requests} requests`, sync.records, `load ${load()}`);
  return { connectionId, sync, fullRecomputeMs: await fullRecompute() };
}

let sandbox: BenchSandbox | undefined;
try {
  const db = database.db;
  const count = (table: string) => countRows(db, table);
  const reused = values["keep-db"] !== undefined && (await count("leads")) > 0;
  let generateMs = 0;
  let fullRecomputeMs = 0;
  let sandboxReadyMs = 0;
  let fullSync: BenchSync | undefined;
  let connectionId = "";
  log(`load average ${load()}; data: ${values.data}`);
  if (reused) {
    const [connection] = await listConnections(db, { workspaceId: ws });
    const held = connection && "baseUrl" in connection.settings ? "sandbox" : "sql";
    if (held !== values.data) throw new Error(`database ${values["keep-db"]} holds --data ${held} records`);
    log(`reusing database ${values["keep-db"]}: no generation, no sync, no full recompute`);
  } else if (values.data === "sql") {
    ({ generateMs, fullRecomputeMs } = await generateSql(db));
  } else {
    sandbox = await startBenchSandbox(leads);
    sandboxReadyMs = sandbox.readyMs;
    log("sandbox ready", fmtS(sandboxReadyMs), `load ${load()}`);
    ({ connectionId, sync: fullSync, fullRecomputeMs } = await loadSandbox(db, sandbox));
  }
  const sizes = {
    leads: await count("leads"),
    deals: await count("deals"),
    changes: await count("property_changes"),
    activities: await count("activities"),
  };
  const facts = {
    cycles: await count("mql_cycle_facts"),
    spans: await count("stage_span_facts"),
    deals: await count("deal_facts"),
  };
  log("data", sizes, "facts", facts);

  // 1,000 changed records, then the incremental facts recompute of what changed. With the sandbox: 1,000
  // contacts get a new lead status in the sandbox and a real incremental sync reads them (it queues the
  // recompute the worker would run). Otherwise 1,000 leads get one new status change each in SQL.
  let incrementalSync: BenchSync | undefined;
  let payload: Parameters<typeof recomputeFactsJob>[1];
  if (sandbox) {
    const changed = await changeSandboxContacts(worker, sandbox, { workspaceId: ws, count: 1000 });
    incrementalSync = await runBenchSync(worker, { workspaceId: ws, connectionId, mode: "incremental" });
    log(`incremental sync after ${changed} contacts changed`, fmtS(incrementalSync.ms), incrementalSync.records);
    payload = await takeQueuedRecompute(queues);
    // Its memory and CPU stay out of the measurements below.
    await sandbox.stop();
    sandbox = undefined;
  } else {
    if (reused) log("reused database: the 1,000 changed records are a SQL touch of 1,000 leads (no sandbox, no sync)");
    const touched = await touchBenchLeads(db, { workspaceId: ws, count: 1000, at: new Date(dates.touchAt) });
    payload = { workspaceId: ws, leadIds: touched, all: false, reason: "bench" };
  }
  const t = performance.now();
  const incremental = await recomputeFactsJob({ database, queues, logger }, payload);
  const incrementalMs = ms(t);
  log(
    `incremental recompute (${payload.leadIds?.length ?? 0} leads, ${payload.dealIds?.length ?? 0} deals asked)`,
    incremental,
    fmt(incrementalMs),
  );

  const config = parseApiConfig({ QUEUE_PREFIX: redis.prefix, LOG_LEVEL: "silent", PASSWORD_SCRYPT_LOG_N: "10" });
  const app = newApp({ config, database, redis: redis.redis, queues, logger });
  const person = await createTestPerson(db, `bench-${Date.now()}@example.test`, config.auth.scryptLogN);
  await grantRole(db, person.userId, ws, "viewer");
  const get = async (path: string) => {
    const response = await app.request(path, { headers: person.headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const reviewPath = (extra: string, asOf = AS_OF) =>
    `/api/v1/workspaces/${ws}/review?week=${WEEK}&asOf=${asOf}${extra}`;
  const timed = async (label: string, run: () => Promise<unknown>) => {
    let start = performance.now();
    await run();
    const first = ms(start);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      start = performance.now();
      await run();
      times.push(ms(start));
    }
    const result = { label, first, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
    log(label, fmt(result.first), fmt(result.p50), fmt(result.p95));
    return result;
  };
  const { start, end } = weekBounds(WEEK, "UTC");
  const results = [
    await timed("review API, one week + W−1 (trend=false)", () => get(reviewPath("&trend=false"))),
    await timed("review API, + 12-week trend (default)", () => get(reviewPath(""))),
    await timed("review API, serviceLine=all, trend=false", () => get(reviewPath("&serviceLine=all&trend=false"))),
    // asOf inside W: W and W−1 are not settled, so every request takes the exact path for them.
    await timed("review API, W in progress (asOf inside W: exact path), trend=false", () =>
      get(reviewPath("&trend=false", IN_WEEK)),
    ),
    await timed("review API, W in progress, + 12-week trend", () => get(reviewPath("", IN_WEEK))),
    await timed("raw SQL over raw tables (subset, one week)", () =>
      rawReviewFigures(db, { workspaceId: ws, start, end, asOf: new Date(AS_OF) }),
    ),
  ];
  const review = (await get(reviewPath("&serviceLine=all&trend=false"))) as {
    rows: Array<{
      responseTime: Record<string, number>;
      acceptance: Record<string, number>;
      winRate: Record<string, number>;
    }>;
  };
  const raw = await rawReviewFigures(db, { workspaceId: ws, start, end, asOf: new Date(AS_OF) });
  const all = review.rows[0];
  const facts_ = {
    mqls: all?.responseTime.mqls,
    responded: all?.responseTime.responded,
    medianMinutes: all?.responseTime.medianMinutes,
    p90Minutes: all?.responseTime.p90Minutes,
    accepted: all?.acceptance.accepted,
    rejected: all?.acceptance.rejected,
    won: all?.winRate.won,
    lost: all?.winRate.lost,
  };
  const same = JSON.stringify(facts_) === JSON.stringify(raw);
  log("facts", facts_, "raw", raw, same ? "SAME" : "DIFFERENT");

  const rawP95 = results.at(-1)?.p95 ?? Number.NaN;
  const table = [
    "| measured | first request | p50 | p95 | p95 ÷ raw SQL p95 |",
    "|---|---|---|---|---|",
    ...results.map(
      (r) => `| ${r.label} | ${fmt(r.first)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${(r.p95 / rawP95).toFixed(2)} |`,
    ),
  ];
  console.log(table.join("\n"));
  if (values.write) {
    // Sandbox runs (the issue's data) and SQL-generator runs have their own sections.
    const heading = `### ${values.db === "pglite" ? "PGlite" : "Postgres"}, ${leads} leads${values.data === "sql" ? " (SQL generator)" : ""}`;
    const records = (sync: BenchSync) => Object.values(sync.records).reduce((x, y) => x + y, 0);
    const data =
      fullSync && incrementalSync
        ? [
            `Data: ${sizes.leads} leads, ${sizes.deals} deals, ${sizes.changes} property changes, ${sizes.activities} activities generated by the CRM sandbox (seed 7, ${leads} leads, story ending ${SANDBOX_NOW}, its own process) and loaded by a real full sync of one HubSpot connection through the worker's \`syncConnectionJob\` (${records(fullSync)} records in ${fullSync.requests} requests); limits lifted on both sides for the bench (sandbox portal and the connection's request budget: 1,000,000 requests / 10 s, search 10,000 / s; \`pnpm bench:sync\` measures the sync at HubSpot's real limits); facts: ${facts.cycles} MQL cycles, ${facts.spans} stage spans, ${facts.deals} deals.`,
            `Sandbox ready ${fmtS(sandboxReadyMs)} (story generation + indexes); full sync ${fmtS(fullSync.ms)}; full facts recompute ${fmtS(fullRecomputeMs)}. Then 1,000 contacts got a new lead status in the sandbox (admin endpoint, one minute after the story's end), an incremental sync read them (${fmtS(incrementalSync.ms)}, ${records(incrementalSync)} records in ${incrementalSync.requests} requests) and queued its facts recompute; that incremental recompute took ${fmt(incrementalMs)} (${incremental.leads} leads / ${incremental.deals} deals rewritten with their links).`,
          ]
        : [
            `Data: ${sizes.leads} leads, ${sizes.deals} deals, ${sizes.changes} property changes, ${sizes.activities} activities (direct SQL generator of canonical HubSpot rows, packages/db/src/testing/bench-records.ts, \`--data sql\`; not the sandbox + sync); facts: ${facts.cycles} MQL cycles, ${facts.spans} stage spans, ${facts.deals} deals.`,
            `Generate ${fmt(generateMs)}; full facts recompute ${fmt(fullRecomputeMs)}; incremental recompute after 1,000 leads got a status change in SQL ${fmt(incrementalMs)} (${incremental.leads} leads / ${incremental.deals} deals rewritten with their links).`,
          ];
    const section = [
      heading,
      "",
      `Command: \`pnpm bench:review --db ${values.db} --data ${values.data} --leads ${leads} --runs ${runs} --write\` (Node ${process.version}, ${cpus().length} CPUs, load average ${load()} at the end, ${new Date().toISOString().slice(0, 16)}Z).`,
      ...data,
      `Week ${WEEK} as of ${AS_OF} (in-progress rows: as of ${IN_WEEK}), ${runs} warm runs after one first request. The incremental recompute just before dropped the cached weeks its leads can change (nearly all: the changed leads span the whole history), so the first request of a row computes the weeks it is the first to ask for by the exact path, and caches those settled at its asOf. Same numbers from both paths (mqls, responded, median/p90 wall minutes, accepted, rejected, won, lost): ${same ? "yes" : `NO — facts ${JSON.stringify(facts_)} vs raw ${JSON.stringify(raw)}`}.`,
      "",
      ...table,
      "",
    ].join("\n");
    const file = "BENCHMARKS.md";
    let text = readFileSync(file, "utf8");
    if (!text.includes("## Weekly review")) {
      text += `\n## Weekly review\n\nFacts-based review API (\`GET /review\`, all metrics, every service line, through the real app with auth) next to one straightforward SQL query over the raw tables computing a subset (response time in wall minutes, acceptance, win counts) for the same week. See each run's notes.\n\n`;
    }
    const at = text.indexOf(`${heading}\n`);
    if (at >= 0) {
      const next = text.indexOf("\n### ", at + heading.length);
      const stop = text.indexOf("\n## ", at + heading.length);
      const endAt = [next, stop].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? text.length;
      text = `${text.slice(0, at)}${section}\n${text.slice(endAt + 1)}`;
    } else {
      const reviewAt = text.indexOf("## Weekly review");
      const after = text.indexOf("\n## ", reviewAt + 5);
      text =
        after >= 0
          ? `${text.slice(0, after + 1)}${section}\n${text.slice(after + 1)}`
          : `${text.trimEnd()}\n\n${section}`;
    }
    writeFileSync(file, text);
  }
} finally {
  await sandbox?.stop();
  await queues.close();
  await redis.cleanup();
  await database.close();
}
