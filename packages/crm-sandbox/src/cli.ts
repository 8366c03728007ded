import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createControl } from "./control.ts";
import { startSandbox } from "./index.ts";
import { buildSandbox } from "./sandbox.ts";

// `pnpm sandbox --seed 7 --leads 50000 --port 4010` or `pnpm sandbox --fixture path.json`.
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "7" },
    leads: { type: "string", default: "5000" },
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    fixture: { type: "string" },
    now: { type: "string" },
    live: { type: "boolean", default: false },
    speed: { type: "string", default: "60" },
    "index-lag-ms": { type: "string", default: "2000" },
    "token-ttl-ms": { type: "string" },
    "service-line-field": { type: "string" },
    "hubspot-per-10s": { type: "string" },
    "hubspot-search-per-s": { type: "string" },
    "salesforce-daily": { type: "string" },
    "fault-429": { type: "string" },
    "fault-500": { type: "string" },
    "fault-timeout": { type: "string" },
    "fault-drop": { type: "string" },
    "export-fixture": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

if (values.help) {
  console.log(`crm-sandbox: local HubSpot CRM v3 + Salesforce REST APIs
  --seed n --leads n            generate a story (default seed 7, 5000 leads over the last 16 weeks)
  --fixture path.json           serve a fixture instead (format: packages/crm-sandbox/README.md)
  --port n (0 = any) --host h   where to listen (default 127.0.0.1:4010)
  --now ISO                     the story's "now" (default: current time)
  --live [--speed n]            run the clock at n x real time (default 60) over a week of future story
  --index-lag-ms n              HubSpot search index lag (default 2000)
  --token-ttl-ms n              OAuth access-token lifetime (default 30 min)
  --service-line-field name     Salesforce service-line field (default Service_Line__c)
  --hubspot-per-10s n --hubspot-search-per-s n --salesforce-daily n   limits
  --fault-429 p --fault-500 p --fault-timeout p --fault-drop p        fault rates (0..1)
  --export-fixture path.json    write the generated data as a fixture and exit`);
  process.exit(0);
}

const options = {
  seed: Number(values.seed),
  leads: Number(values.leads),
  ...(values.fixture ? { fixture: values.fixture } : {}),
  ...(values.now ? { now: values.now } : {}),
  ...(values.live ? { live: { speed: Number(values.speed) } } : {}),
  indexLagMs: Number(values["index-lag-ms"]),
  ...(values["token-ttl-ms"] ? { accessTokenTtlMs: Number(values["token-ttl-ms"]) } : {}),
  ...(values["service-line-field"] ? { serviceLineField: values["service-line-field"] } : {}),
  limits: {
    hubspot: {
      ...(values["hubspot-per-10s"] ? { perTenSeconds: Number(values["hubspot-per-10s"]) } : {}),
      ...(values["hubspot-search-per-s"] ? { searchPerSecond: Number(values["hubspot-search-per-s"]) } : {}),
    },
    ...(values["salesforce-daily"] ? { salesforceDailyApiRequests: Number(values["salesforce-daily"]) } : {}),
  },
  faults: {
    rate429: num(values["fault-429"]) ?? 0,
    rate500: num(values["fault-500"]) ?? 0,
    timeoutRate: num(values["fault-timeout"]) ?? 0,
    dropRate: num(values["fault-drop"]) ?? 0,
  },
};

if (values["export-fixture"]) {
  writeFileSync(values["export-fixture"], JSON.stringify(createControl(buildSandbox(options)).exportFixture()));
  console.log(`wrote ${values["export-fixture"]}`);
  process.exit(0);
}

const startedAt = performance.now();
const sandbox = await startSandbox({ ...options, port: Number(values.port), host: values.host });
const { hubspot, salesforce } = sandbox;
console.log(`crm-sandbox ready in ${Math.round(performance.now() - startedAt)} ms at ${sandbox.url} (clock: ${sandbox.control.now().toISOString()})

HubSpot  (@hubspot/api-client: new Client({ basePath, accessToken }))
  basePath          ${hubspot.baseUrl}
  portalId          ${hubspot.portalId}
  privateAppToken   ${hubspot.privateAppToken}
  OAuth clientId    ${hubspot.clientId}
  OAuth secret      ${hubspot.clientSecret}
  refreshToken      ${hubspot.refreshToken}

Salesforce  (jsforce: new Connection({ oauth2: { clientId, clientSecret, loginUrl }, instanceUrl, refreshToken }))
  loginUrl          ${salesforce.loginUrl}
  instanceUrl       ${salesforce.instanceUrl}
  clientId          ${salesforce.clientId}
  clientSecret      ${salesforce.clientSecret}
  refreshToken      ${salesforce.refreshToken}
  serviceLineField  ${salesforce.serviceLineField}

Admin: POST ${sandbox.url}/__sandbox/{faults,mutate,clock,revoke,webhooks}, GET /__sandbox/state`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
