// Profiling of one sync process (bench:sync --profile): a timeline of every SQL statement and CRM request,
// written as JSON lines to the given file, and a summary printed to stderr at exit. Not used in timed runs.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Span {
  kind: "sql" | "http";
  label: string;
  start: number;
  end: number;
}

const spans: Span[] = [];
const t0 = performance.now();
/** Postgres backends this process talked to (their CPU is read from /proc at exit: same machine). */
const backends = new Set<number>();

/** CPU milliseconds a process has used so far (Linux /proc; 0 where unreadable). */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const backendCpu = new Map<number, number>();
/** The latest CPU reading of each backend: one that exits (an idle pool client) keeps its last reading. */
const backendLast = new Map<number, number>();
const sampleBackends = () => {
  for (const pid of backends) {
    const ms = processCpuMs(pid);
    if (ms > 0) backendLast.set(pid, ms);
  }
};

/** A statement's shape: its first words, parameters and literals left out. */
function labelOf(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/'[^']*'/g, "'…'")
    .trim()
    .slice(0, 110);
}

function timed<T>(kind: Span["kind"], label: string, run: () => T): T {
  const start = performance.now() - t0;
  const result = run();
  if (result instanceof Promise) {
    return result.finally(() => spans.push({ kind, label, start, end: performance.now() - t0 })) as T;
  }
  return result;
}

export function installProfile(file: string): void {
  writeFileSync(file, "");
  // Resolve the drivers as the db and connectors packages do.
  const dbRequire = createRequire(new URL("../../packages/db/package.json", import.meta.url));
  const connectorsRequire = createRequire(new URL("../../packages/connectors/package.json", import.meta.url));
  const pg = dbRequire("pg") as {
    Client: { prototype: { query: (this: { processID?: number }, ...args: unknown[]) => unknown } };
  };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: { processID?: number }, ...args: unknown[]) {
    const pid = this.processID;
    if (pid && !backends.has(pid)) {
      backends.add(pid);
      backendCpu.set(pid, processCpuMs(pid));
    }
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    const callback = args.at(-1);
    if (typeof callback === "function") {
      // Callback style (how the pool runs a query).
      const start = performance.now() - t0;
      args[args.length - 1] = (...results: unknown[]) => {
        spans.push({ kind: "sql", label: labelOf(text), start, end: performance.now() - t0 });
        return callback(...results);
      };
      return query.apply(this, args);
    }
    return timed("sql", labelOf(text), () => query.apply(this, args));
  };
  const jsforce = connectorsRequire("jsforce") as {
    Connection: { prototype: { request: (...args: unknown[]) => unknown } };
  };
  const request = jsforce.Connection.prototype.request;
  jsforce.Connection.prototype.request = function (this: unknown, ...args: unknown[]) {
    const info = args[0] as string | { url?: string };
    const url = typeof info === "string" ? info : (info.url ?? "?");
    const soql = decodeURIComponent(url.split("?q=")[1] ?? url);
    const object = /FROM (\w+)/.exec(soql)?.[1] ?? soql.slice(0, 40);
    return timed("http", `${url.includes("queryAll") ? "queryAll" : "query"} ${object}`, () =>
      request.apply(this, args),
    );
  };
  setInterval(sampleBackends, 500).unref();
  process.on("exit", () => {
    sampleBackends();
    const backendMs = [...backends].reduce(
      (sum, pid) => sum + (backendLast.get(pid) ?? 0) - (backendCpu.get(pid) ?? 0),
      0,
    );
    const own = process.cpuUsage();
    process.stderr.write(
      `profile CPU: this process ${((own.user + own.system) / 1e6).toFixed(1)} s, its Postgres backends ${(backendMs / 1000).toFixed(1)} s (${backends.size} backends, sampled every 500 ms)\n`,
    );
    appendFileSync(file, spans.map((span) => JSON.stringify(span)).join("\n"));
    summarize();
  });
}

function summarize(): void {
  const byLabel = new Map<string, { n: number; ms: number; max: number }>();
  for (const span of spans) {
    const key = `${span.kind} ${span.label}`;
    const entry = byLabel.get(key) ?? { n: 0, ms: 0, max: 0 };
    entry.n++;
    entry.ms += span.end - span.start;
    entry.max = Math.max(entry.max, span.end - span.start);
    byLabel.set(key, entry);
  }
  const lines = [...byLabel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 40)
    .map(
      ([key, e]) =>
        `${(e.ms / 1000).toFixed(2).padStart(8)} s ${String(e.n).padStart(5)}× max ${e.max.toFixed(0).padStart(5)} ms  ${key}`,
    );
  // Wall time with SQL in flight, with a CRM request in flight, with both, with neither.
  const end = Math.max(0, ...spans.map((s) => s.end));
  const step = 1;
  const sqlBusy = new Uint8Array(Math.ceil(end / step) + 1);
  const httpBusy = new Uint8Array(sqlBusy.length);
  for (const span of spans) {
    const into = span.kind === "sql" ? sqlBusy : httpBusy;
    for (let i = Math.floor(span.start / step); i < Math.ceil(span.end / step); i++) into[i] = 1;
  }
  let both = 0;
  let onlySql = 0;
  let onlyHttp = 0;
  let idle = 0;
  for (let i = 0; i < sqlBusy.length; i++) {
    if (sqlBusy[i] && httpBusy[i]) both++;
    else if (sqlBusy[i]) onlySql++;
    else if (httpBusy[i]) onlyHttp++;
    else idle++;
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  process.stderr.write(
    `profile: ${s(end)} from the first statement; SQL and CRM both in flight ${s(both * step)}, SQL only ${s(onlySql * step)}, CRM only ${s(onlyHttp * step)}, neither ${s(idle * step)}\n${lines.join("\n")}\n`,
  );
}
