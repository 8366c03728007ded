// The demo: the API (with the worker inside, on embedded PGlite) serving the dashboard. Started by scripts/demo.sh.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startSandbox } from "../packages/crm-sandbox/src/index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "3000";
const url = `http://127.0.0.1:${port}`;
// The demo owner's sign-in, printed below once the API is ready.
const demoOwnerEmail = process.env.DEMO_OWNER_EMAIL ?? "demo@example.com";
const demoOwnerPassword = process.env.DEMO_OWNER_PASSWORD ?? randomBytes(12).toString("base64url");

const demoLeads = Number(process.env.DEMO_LEADS ?? 5_000);
// The CRM sandbox (seed 7, DEMO_LEADS leads) stands in for HubSpot and Salesforce; generous limits keep the first sync short.
const sandbox = await startSandbox({
  seed: 7,
  leads: demoLeads,
  limits: { hubspot: { perTenSeconds: 5_000, searchPerSecond: 50 }, salesforceDailyApiRequests: 1_000_000 },
});
const demoConnections = [
  {
    crm: "hubspot",
    name: "HubSpot (sandbox)",
    settings: {
      baseUrl: sandbox.hubspot.baseUrl,
      portalId: sandbox.hubspot.portalId,
      requestsPerTenSeconds: 5_000,
      searchesPerSecond: 50,
    },
    credentials: {
      kind: "private_app",
      token: sandbox.hubspot.privateAppToken,
      webhookSecret: sandbox.hubspot.clientSecret,
    },
  },
  {
    crm: "salesforce",
    name: "Salesforce (sandbox)",
    settings: {
      loginUrl: sandbox.salesforce.loginUrl,
      instanceUrl: sandbox.salesforce.instanceUrl,
      serviceLineField: sandbox.salesforce.serviceLineField,
      automatedField: "Is_Automated__c",
      requestsPerSecond: 200,
    },
    credentials: {
      clientId: sandbox.salesforce.clientId,
      clientSecret: sandbox.salesforce.clientSecret,
      refreshToken: sandbox.salesforce.refreshToken,
    },
  },
];

// The young-generation size of ADR 0007 (the API holds the embedded worker).
const api = spawn(process.execPath, ["--max-semi-space-size=4", "apps/api/src/main.ts"], {
  cwd: root,
  env: {
    DATA_DIR: ".data",
    DEMO_WORKSPACE: "demo",
    ...process.env,
    PORT: port,
    DEMO_OWNER_EMAIL: demoOwnerEmail,
    DEMO_OWNER_PASSWORD: demoOwnerPassword,
    DEMO_CONNECTIONS: JSON.stringify(demoConnections),
    DEMO_LEADS: String(demoLeads),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
api.on("exit", (code) => {
  void sandbox.close().finally(() => process.exit(code ?? 1));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => api.kill(signal));

const deadline = Date.now() + 120_000;
while (Date.now() < deadline) {
  const ready = await fetch(`${url}/health/ready`).then(
    (response) => response.ok,
    () => false,
  );
  if (ready) break;
  await new Promise((resolve) => setTimeout(resolve, 300));
}
console.log(
  `\n  RevOps review is running: ${url}\n  Sign in as ${demoOwnerEmail} with password ${demoOwnerPassword}\n  (Ctrl+C stops it; data is kept in ${process.env.DATA_DIR ?? ".data"}/)\n`,
);
