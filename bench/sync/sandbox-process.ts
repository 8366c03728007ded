// A CRM sandbox in its own process (its memory must not count in the sync's RSS); prints one JSON line.
import { startSandbox } from "../../packages/crm-sandbox/src/index.ts";

const leads = Number(process.argv[2] ?? 100_000);
const sandbox = await startSandbox({ seed: 7, leads, now: "2026-11-24T12:00:00Z" });
console.log(JSON.stringify({ url: sandbox.url, hubspot: sandbox.hubspot, salesforce: sandbox.salesforce }));
process.on("SIGTERM", () => {
  void sandbox.close().then(() => process.exit(0));
});
