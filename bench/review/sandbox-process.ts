// bench:review's CRM sandbox in its own process (its heap, 4+ GB at 1M leads, stays out of the bench's);
// prints one JSON line with its URL and HubSpot credentials, closes on SIGTERM or when the bench goes away.
import { startSandbox } from "../../packages/crm-sandbox/src/index.ts";

const { leads, now, hubspotLimits } = JSON.parse(process.argv[2] ?? "{}") as {
  leads: number;
  now: string;
  hubspotLimits: { perTenSeconds: number; searchPerSecond: number; daily: number };
};
const started = performance.now();
const sandbox = await startSandbox({ seed: 7, leads, now, limits: { hubspot: hubspotLimits } });
console.log(JSON.stringify({ url: sandbox.url, hubspot: sandbox.hubspot, readyMs: performance.now() - started }));
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
// The bench holds our stdin: if it dies without stopping us, a 1M-lead sandbox must not stay behind holding its heap.
process.stdin.on("end", stop).resume();
