// The naive baseline: the HubSpot SDK's own getAll (and its paging for engagements, which have no getAll),
// its built-in retries, no shared limiter, everything held in memory, no database.
import { createRequire } from "node:module";

// The SDK as the connectors package resolves it (the workspace root does not depend on it).
const load = createRequire(new URL("../../packages/connectors/package.json", import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: loaded from another package's folder, so untyped here
const { Client } = load("@hubspot/api-client") as any;

const { baseUrl, token } = JSON.parse(process.argv[2] ?? "{}") as { baseUrl: string; token: string };
const client = new Client({ basePath: baseUrl, accessToken: token, numberOfApiCallRetries: 6 });
const started = performance.now();
const records: Record<string, number> = {};
const failures: Record<string, string> = {};
const held: unknown[][] = [];
const describeError = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === "number" ? `HTTP ${code}` : String((error as Error).message ?? error).slice(0, 200);
};
try {
  const contacts = await client.crm.contacts.getAll(50, undefined, undefined, [
    "lifecyclestage",
    "hs_lead_status",
    "service_line",
  ]);
  records.contacts = contacts.length;
  held.push(contacts);
} catch (error) {
  failures.contacts = describeError(error);
}
try {
  const deals = await client.crm.deals.getAll(
    50,
    undefined,
    undefined,
    ["dealstage", "amount", "closedate", "service_line"],
    ["contacts"],
  );
  records.deals = deals.length;
  held.push(deals);
} catch (error) {
  failures.deals = describeError(error);
}
for (const type of ["calls", "emails", "meetings"]) {
  const rows: unknown[] = [];
  try {
    let after: string | undefined;
    do {
      const page = await client.crm.objects.basicApi.getPage(type, 100, after, undefined, undefined, ["contacts"]);
      rows.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
  } catch (error) {
    failures[type] = describeError(error);
  }
  records[type] = rows.length;
  held.push(rows);
}
console.log(
  JSON.stringify({
    wallMs: performance.now() - started,
    records,
    failures,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
