import type { AddressInfo } from "node:net";
import { createControl, type SandboxControl } from "./control.ts";
import { startLiveTicker } from "./live.ts";
import { buildSandbox, type SandboxOptions } from "./sandbox.ts";
import { createSandboxServer } from "./server.ts";

// Programmatic entry point: start a sandbox in-process (tests, benchmarks, the CLI).
export type { Mutation, SandboxControl } from "./control.ts";
export type { Faults } from "./faults.ts";
export type { Fixture, FixtureAssociation } from "./fixture.ts";
export { signatureV3, type WebhookEvent, type WebhookSubscription } from "./hubspot/webhooks.ts";
export type { SandboxOptions } from "./sandbox.ts";

export interface StartOptions extends SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningSandbox {
  url: string;
  hubspot: {
    baseUrl: string;
    portalId: number;
    privateAppToken: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
  };
  salesforce: {
    loginUrl: string;
    instanceUrl: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    serviceLineField: string;
  };
  control: SandboxControl;
  close(): Promise<void>;
}

export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const core = buildSandbox(options);
  const control = createControl(core);
  let url = "";
  const server = createSandboxServer(core, control, () => url);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  const stopTicker =
    core.story && core.liveTickMs
      ? startLiveTicker(core.story, () => core.clock.now(), core.webhooks, core.liveTickMs)
      : undefined;
  const { credentials: hs } = core.hubspot;
  const { credentials: sf } = core.salesforce;
  return {
    url,
    hubspot: { baseUrl: url, portalId: core.hubspot.data.portalId, ...hs },
    salesforce: {
      loginUrl: url,
      instanceUrl: url,
      ...sf,
      serviceLineField: options.serviceLineField ?? "Service_Line__c",
    },
    control,
    close: async () => {
      stopTicker?.();
      await core.webhooks.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
