import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { currentView } from "../packages/crm-sandbox/src/clock.ts";
import { startSandbox } from "../packages/crm-sandbox/src/index.ts";
import { buildSandbox } from "../packages/crm-sandbox/src/sandbox.ts";

// pnpm bench:sandbox [--leads 100000[,1000000]] [--write]: generate + load time of the CRM sandbox, then one
// full render of every record of both CRMs (what a complete sync reads). 1M needs
// NODE_OPTIONS=--max-old-space-size=12000.
const { values } = parseArgs({
  options: { leads: { type: "string", default: "100000" }, write: { type: "boolean", default: false } },
});
const now = "2026-11-24T12:00:00Z";
const ms = (start: number) => Math.round(performance.now() - start);
const rows: string[] = [];
const loadAtStart = loadavg()[0]?.toFixed(1);
const stories: string[] = [];

for (const leads of values.leads.split(",").map(Number)) {
  let t = performance.now();
  const sandbox = await startSandbox({ seed: 7, leads, now });
  const startMs = ms(t);
  await sandbox.close();

  const core = buildSandbox({ seed: 7, leads, now });
  const story = core.story;
  stories.push(
    `${leads} leads: ${story?.deals.length} deals, ${(story?.calls.length ?? 0) + (story?.emails.length ?? 0) + (story?.meetings.length ?? 0)} activities`,
  );
  const view = currentView(core.clock);
  t = performance.now();
  let records = 0;
  for (const collection of [
    ...Object.values(core.hubspot.data.collections),
    ...Object.values(core.salesforce.data.collections),
  ]) {
    for (const _ of collection.scan(view)) records++;
  }
  const scanMs = ms(t);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  rows.push(`| ${leads} | ${startMs} ms | ${records} | ${scanMs} ms | ${heapMb} MB |`);
  console.log(rows.at(-1));
}

const table = [
  "| leads | generate + load (`startSandbox` ready) | records served | full render of every record | heap after |",
  "|---|---|---|---|---|",
  ...rows,
];
console.log(table.join("\n"));

if (values.write) {
  const section = [
    "## Sandbox generation",
    "",
    `Command: \`pnpm bench:sandbox --leads ${values.leads} --write\` (Node ${process.version}, ${cpus().length} CPUs, load average ${loadAtStart} at start, seed 7;`,
    "1M needs `NODE_OPTIONS=--max-old-space-size=12000`). Records are rendered lazily from the story, so",
    '"load" is story generation + indexes; the full render is what one complete sync of both CRMs costs the sandbox.',
    `Story sizes: ${stories.join("; ")}.`,
    "",
    ...table,
  ].join("\n");
  const file = new URL("../BENCHMARKS.md", import.meta.url);
  const current = readFileSync(file, "utf8");
  const pattern = /## Sandbox generation\n[\s\S]*?(?=\n## |$)/;
  const next = pattern.test(current)
    ? current.replace(pattern, `${section}\n`)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
}
