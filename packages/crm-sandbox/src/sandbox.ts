import { SandboxClock } from "./clock.ts";
import { FaultInjector, type Faults } from "./faults.ts";
import {
  type Fixture,
  fixtureAssociations,
  fixtureHubspotSources,
  fixtureSalesforceSources,
  readFixture,
} from "./fixture.ts";
import { DEAL_STAGES, SERVICE_LINES } from "./generator/catalog.ts";
import { hubspotSources, OWNER_ID_BASE, PORTAL_ID, storyAssociations } from "./generator/hubspot.ts";
import { salesforceSources } from "./generator/salesforce.ts";
import { generateStory, type Story } from "./generator/story.ts";
import { hubspotCredentials } from "./hubspot/auth.ts";
import { applyHubspotPatch, type HubspotDataset, type HubspotOwner, type HubspotPipeline } from "./hubspot/dataset.ts";
import { DEFAULT_HUBSPOT_LIMITS, HubspotLimiter, type HubspotLimits } from "./hubspot/limits.ts";
import { HUBSPOT_TYPES, iso } from "./hubspot/model.ts";
import type { HubspotApi } from "./hubspot/router.ts";
import { defaultPropertySchema } from "./hubspot/schema.ts";
import { WebhookSender } from "./hubspot/webhooks.ts";
import { salesforceCredentials } from "./salesforce/auth.ts";
import { applySalesforcePatch, fieldIndex, type SalesforceDataset } from "./salesforce/dataset.ts";
import { SalesforceLimiter } from "./salesforce/limits.ts";
import type { SalesforceApi } from "./salesforce/router.ts";
import { SOBJECTS, salesforceSchema } from "./salesforce/schema.ts";
import { Collection } from "./store.ts";
import { TokenStore } from "./tokens.ts";

// Builds one sandbox (data, credentials, limits, faults, webhooks) from options; the server only routes to it.
export interface SandboxOptions {
  seed?: number;
  leads?: number;
  /** The story's "now" (default: the current time, rounded down to the minute). */
  now?: number | string | Date;
  fixture?: string | Fixture;
  limits?: { hubspot?: Partial<HubspotLimits>; salesforceDailyApiRequests?: number };
  faults?: Faults;
  /** Live mode: the clock runs `speed` times real time (default 60) and revealed story events go to webhooks. */
  live?: boolean | { speed?: number; futureDays?: number; tickMs?: number };
  /** Wall-clock delay before a change shows up in HubSpot search (default 0). */
  indexLagMs?: number;
  /** Lifetime of OAuth access tokens of both CRMs (default 30 min). */
  accessTokenTtlMs?: number;
  /** Salesforce custom field holding the service line (default Service_Line__c). */
  serviceLineField?: string;
  spanDays?: number;
}

export interface SandboxCore {
  story: Story | undefined;
  clock: SandboxClock;
  hubspot: Omit<HubspotApi, "indexLagMs">;
  salesforce: Omit<SalesforceApi, "baseUrl">;
  faults: FaultInjector;
  webhooks: WebhookSender;
  indexLagMs: number;
  liveTickMs: number | undefined;
}

function liveOptions(live: SandboxOptions["live"]) {
  if (!live) return undefined;
  return { speed: 60, futureDays: 7, tickMs: 1000, ...(live === true ? {} : live) };
}

export function buildSandbox(options: SandboxOptions): SandboxCore {
  const seed = options.seed ?? 7;
  const now = options.now === undefined ? Math.floor(Date.now() / 60_000) * 60_000 : new Date(options.now).getTime();
  const live = liveOptions(options.live);
  const clock = new SandboxClock(now, live?.speed ?? 0);
  const serviceLineField = options.serviceLineField ?? "Service_Line__c";
  const schema = defaultPropertySchema();
  const fields = fieldIndex(salesforceSchema(serviceLineField));
  const fixture = options.fixture === undefined ? undefined : readFixture(options.fixture);
  const story = fixture
    ? undefined
    : generateStory({
        seed,
        leads: options.leads ?? 1000,
        now,
        spanDays: options.spanDays,
        futureDays: live?.futureDays ?? 0,
      });

  const hsSources = fixture ? fixtureHubspotSources(fixture, schema) : hubspotSources(story as Story);
  const hubspotData: HubspotDataset = {
    portalId: PORTAL_ID,
    collections: Object.fromEntries(
      HUBSPOT_TYPES.map((type) => [type, new Collection(hsSources[type], applyHubspotPatch(type))]),
    ) as HubspotDataset["collections"],
    associations: fixture
      ? fixtureAssociations(fixture)
      : (from, id, to) => storyAssociations(story as Story, from, id, to),
    owners: fixture?.hubspot?.owners ?? owners(story as Story),
    pipelines: fixture?.hubspot?.pipelines ?? [defaultPipeline()],
    schema,
  };
  const sfSources = fixture
    ? fixtureSalesforceSources(fixture, fields)
    : salesforceSources(story as Story, serviceLineField);
  const salesforceData: SalesforceDataset = {
    collections: Object.fromEntries(
      SOBJECTS.map((name) => [name, new Collection(sfSources[name], applySalesforcePatch)]),
    ) as SalesforceDataset["collections"],
    fields,
  };

  const ttl = options.accessTokenTtlMs ?? 30 * 60_000;
  const hsTokens = new TokenStore("CKT", `hubspot-${seed}`, ttl);
  const sfTokens = new TokenStore("", `salesforce-${seed}`, ttl);
  const hsCredentials = hubspotCredentials(hsTokens, PORTAL_ID);
  return {
    story,
    clock,
    hubspot: {
      data: hubspotData,
      tokens: hsTokens,
      credentials: hsCredentials,
      limiter: new HubspotLimiter({ ...DEFAULT_HUBSPOT_LIMITS, ...options.limits?.hubspot }),
      clock,
    },
    salesforce: {
      data: salesforceData,
      tokens: sfTokens,
      credentials: salesforceCredentials(sfTokens),
      limiter: new SalesforceLimiter(options.limits?.salesforceDailyApiRequests ?? 100_000),
      clock,
    },
    faults: new FaultInjector(seed, options.faults),
    webhooks: new WebhookSender(PORTAL_ID, 1_234_567, hsCredentials.clientSecret),
    indexLagMs: options.indexLagMs ?? 0,
    liveTickMs: live?.tickMs,
  };
}

function owners(story: Story): HubspotOwner[] {
  const created = iso(story.start - 365 * 86_400_000);
  return story.owners.map((o) => ({
    id: String(OWNER_ID_BASE + o.index),
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: 9_000_001 + o.index,
    userIdIncludingInactive: 9_000_001 + o.index,
    createdAt: created,
    updatedAt: created,
    archived: false,
    type: "PERSON",
    teams: [
      { id: String(501 + o.serviceLine), name: `${SERVICE_LINES[o.serviceLine]?.salesforce} team`, primary: true },
    ],
  }));
}

function defaultPipeline(): HubspotPipeline {
  const stamp = "2020-01-01T00:00:00Z";
  return {
    id: "default",
    label: "Sales Pipeline",
    displayOrder: 0,
    archived: false,
    createdAt: stamp,
    updatedAt: stamp,
    stages: DEAL_STAGES.map((s, displayOrder) => ({
      id: s.hubspot,
      label: s.label,
      displayOrder,
      archived: false,
      createdAt: stamp,
      updatedAt: stamp,
      writePermissions: "CRUD_PERMITTED",
      metadata: { isClosed: String(displayOrder >= 5), probability: s.hsProbability },
    })),
  };
}
