import { exportFixture } from "./export.ts";
import type { Faults } from "./faults.ts";
import type { Fixture } from "./fixture.ts";
import { hubspotType } from "./hubspot/model.ts";
import type { WebhookEvent, WebhookSubscription } from "./hubspot/webhooks.ts";
import { sobjectName } from "./salesforce/dataset.ts";
import type { SandboxCore } from "./sandbox.ts";
import type { Patch } from "./store.ts";

// Test controls: change, delete and merge records, set faults, move the clock, revoke tokens, subscribe webhooks.
export type Mutation =
  | {
      crm: "hubspot";
      objectType: string;
      id: string;
      set?: Record<string, string | null>;
      delete?: boolean;
      mergeInto?: string;
    }
  | {
      crm: "salesforce";
      sobject: string;
      id: string;
      set?: Record<string, string | number | boolean | null>;
      delete?: boolean;
      mergeInto?: string;
    };

export interface SandboxControl {
  mutate(mutation: Mutation): void;
  setFaults(faults: Faults): Faults;
  advanceClock(ms: number): Date;
  now(): Date;
  revokeTokens(options?: {
    crm?: "hubspot" | "salesforce" | "both";
    refreshTokens?: boolean;
    privateAppToken?: boolean;
  }): void;
  expireAccessTokens(crm?: "hubspot" | "salesforce" | "both"): void;
  subscribeWebhook(subscription: WebhookSubscription): number;
  /** Waits until every webhook delivery started so far has finished. */
  flushWebhooks(): Promise<void>;
  /** Every record as the APIs return it now, in the fixture format (to freeze a generated story). */
  exportFixture(): Fixture;
}

export class MutationError extends Error {}

export function createControl(core: SandboxCore): SandboxControl {
  const patchAt = (): Pick<Patch, "at" | "wallAt"> => ({ at: core.clock.now(), wallAt: Date.now() });
  const mutate = (mutation: Mutation) => {
    if (mutation.crm === "hubspot") {
      const type = hubspotType(mutation.objectType);
      if (!type) throw new MutationError(`unknown HubSpot object type ${mutation.objectType}`);
      const collection = core.hubspot.data.collections[type];
      const base = patchAt();
      const ok = collection.patch(mutation.id, {
        ...base,
        ...(mutation.set ? { set: mutation.set } : {}),
        ...(mutation.delete ? { deleted: true } : {}),
        ...(mutation.mergeInto ? { mergedInto: mutation.mergeInto } : {}),
      });
      if (!ok) throw new MutationError(`no ${type} record ${mutation.id}`);
      if (mutation.mergeInto) collection.patch(mutation.mergeInto, { ...base, mergedFrom: mutation.id });
      const prefix = type === "contacts" ? "contact" : type === "deals" ? "deal" : undefined;
      if (!prefix) return;
      const objectId = Number(mutation.id);
      const events: WebhookEvent[] = Object.entries(mutation.set ?? {}).map(([propertyName, value]) => ({
        objectId,
        subscriptionType: `${prefix}.propertyChange`,
        occurredAt: base.at,
        propertyName,
        propertyValue: value ?? "",
      }));
      if (mutation.delete)
        events.push({ objectId, subscriptionType: `${prefix}.deletion`, occurredAt: base.at, changeFlag: "DELETED" });
      if (mutation.mergeInto)
        events.push({ objectId, subscriptionType: `${prefix}.merge`, occurredAt: base.at, changeFlag: "MERGED" });
      core.webhooks.send(events);
      return;
    }
    const name = sobjectName(mutation.sobject);
    if (!name) throw new MutationError(`unknown sObject ${mutation.sobject}`);
    const ok = core.salesforce.data.collections[name].patch(mutation.id, {
      ...patchAt(),
      ...(mutation.set ? { set: mutation.set } : {}),
      ...(mutation.delete ? { deleted: true } : {}),
      ...(mutation.mergeInto ? { mergedInto: mutation.mergeInto } : {}),
    });
    if (!ok) throw new MutationError(`no ${name} record ${mutation.id}`);
  };
  const stores = (crm: "hubspot" | "salesforce" | "both" = "both") =>
    crm === "both" ? [core.hubspot.tokens, core.salesforce.tokens] : [core[crm].tokens];
  return {
    mutate,
    setFaults: (faults) => core.faults.set(faults),
    advanceClock: (ms) => new Date(core.clock.advance(ms)),
    now: () => new Date(core.clock.now()),
    revokeTokens: (options = {}) => {
      for (const tokens of stores(options.crm)) {
        tokens.revoke({ refreshTokens: options.refreshTokens, permanent: options.privateAppToken });
      }
    },
    expireAccessTokens: (crm) => {
      for (const tokens of stores(crm)) tokens.expireAll();
    },
    subscribeWebhook: (subscription) => core.webhooks.subscribe(subscription),
    flushWebhooks: () => core.webhooks.flush(),
    exportFixture: () => exportFixture(core),
  };
}
