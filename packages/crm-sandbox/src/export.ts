import { currentView } from "./clock.ts";
import type { Fixture, FixtureAssociation } from "./fixture.ts";
import { associated } from "./hubspot/associations.ts";
import { HUBSPOT_TYPES, type HubspotType } from "./hubspot/model.ts";
import { toWire } from "./hubspot/wire.ts";
import { SOBJECTS } from "./salesforce/schema.ts";
import type { SandboxCore } from "./sandbox.ts";

// Writes a sandbox's current data as a fixture: every record as the APIs would return it.
const LINKS: [HubspotType, HubspotType][] = [
  ["contacts", "deals"],
  ["contacts", "calls"],
  ["contacts", "emails"],
  ["contacts", "meetings"],
  ["deals", "calls"],
  ["deals", "emails"],
  ["deals", "meetings"],
];

export function exportFixture(core: SandboxCore): Fixture {
  const view = currentView(core.clock);
  const hs = core.hubspot.data;
  const hubspot: NonNullable<Fixture["hubspot"]> = { associations: [], owners: hs.owners, pipelines: hs.pipelines };
  for (const type of HUBSPOT_TYPES) {
    const names = [...hs.schema[type].keys()];
    hubspot[type] = [...hs.collections[type].scan(view)].map(
      (r) => toWire(type, r, hs.schema, { properties: names, propertiesWithHistory: names }) as never,
    );
  }
  for (const [from, to] of LINKS) {
    for (const record of hs.collections[from].scan(view)) {
      const links = associated(hs, view, from, record.id, to);
      if (links.length) {
        (hubspot.associations as FixtureAssociation[]).push({
          fromObjectType: from,
          toObjectType: to,
          from: { id: record.id },
          to: links,
        });
      }
    }
  }
  const salesforce: NonNullable<Fixture["salesforce"]> = {};
  for (const name of SOBJECTS) {
    salesforce[name] = [...core.salesforce.data.collections[name].scan(view)].map((record) => ({
      attributes: { type: name, url: `/services/data/v60.0/sobjects/${name}/${record.Id}` },
      ...record,
    }));
  }
  return { hubspot, salesforce };
}
