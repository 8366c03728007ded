import { readFileSync } from "node:fs";
import type { SalesforceRecord } from "./generator/salesforce.ts";
import type { HubspotOwner, HubspotPipeline } from "./hubspot/dataset.ts";
import {
  type HistoryEntry,
  HUBSPOT_TYPES,
  type HubspotAssociation,
  type HubspotRecord,
  type HubspotType,
  hubspotType,
} from "./hubspot/model.ts";
import type { PropertySchema } from "./hubspot/schema.ts";
import type { FieldDefinition, FieldType, SObjectName } from "./salesforce/schema.ts";
import { SOBJECTS } from "./salesforce/schema.ts";
import { arraySource, type Source } from "./store.ts";

// Fixture files hold records exactly as the CRMs' REST APIs return them (see README, "Fixture format").
interface WireObject {
  id: string;
  properties?: Record<string, string | null>;
  propertiesWithHistory?: Record<string, HistoryEntry[]>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
}
export interface FixtureAssociation {
  fromObjectType: string;
  toObjectType: string;
  from: { id: string };
  to: HubspotAssociation[];
}
export interface Fixture {
  hubspot?: Partial<Record<HubspotType, WireObject[]>> & {
    associations?: FixtureAssociation[];
    pipelines?: HubspotPipeline[];
    owners?: HubspotOwner[];
  };
  salesforce?: Partial<Record<SObjectName, (SalesforceRecord & { attributes?: unknown })[]>>;
}

export function readFixture(pathOrFixture: string | Fixture): Fixture {
  return typeof pathOrFixture === "string"
    ? (JSON.parse(readFileSync(pathOrFixture, "utf8")) as Fixture)
    : pathOrFixture;
}

const time = (value: string | undefined, fallback = 0) => {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? fallback : ms;
};

export function fixtureHubspotSources(
  fixture: Fixture,
  schema: PropertySchema,
): Record<HubspotType, Source<HubspotRecord>> {
  const out = {} as Record<HubspotType, Source<HubspotRecord>>;
  for (const type of HUBSPOT_TYPES) {
    const records = (fixture.hubspot?.[type] ?? []).map((wire): HubspotRecord => {
      const createdAt = time(wire.createdAt);
      for (const name of Object.keys({ ...wire.properties, ...wire.propertiesWithHistory })) {
        if (!schema[type].has(name))
          schema[type].set(name, { name, label: name, type: "string", fieldType: "text", hubspotDefined: false });
      }
      return {
        id: String(wire.id),
        createdAt,
        updatedAt: time(wire.updatedAt, createdAt),
        archivedAt: wire.archived ? time(wire.archivedAt, time(wire.updatedAt, createdAt)) : null,
        properties: { ...wire.properties },
        history: { ...wire.propertiesWithHistory },
      };
    });
    // HubSpot lists records in id order.
    out[type] = arraySource(
      records,
      (r) => r.id,
      (a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id),
    );
  }
  return out;
}

export function fixtureAssociations(fixture: Fixture): (from: HubspotType, id: string, to: HubspotType) => number[] {
  const index = new Map<string, Set<number>>();
  const add = (from: string, id: string, to: string, toId: number) => {
    const key = `${from}:${id}:${to}`;
    const set = index.get(key) ?? new Set<number>();
    set.add(toId);
    index.set(key, set);
  };
  for (const a of fixture.hubspot?.associations ?? []) {
    const from = hubspotType(a.fromObjectType);
    const to = hubspotType(a.toObjectType);
    if (!from || !to) continue;
    for (const target of a.to) {
      add(from, String(a.from.id), to, Number(target.toObjectId));
      add(to, String(target.toObjectId), from, Number(a.from.id));
    }
  }
  return (from, id, to) => [...(index.get(`${from}:${id}:${to}`) ?? [])];
}

function inferType(value: unknown): FieldType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "double";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return "datetime";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return "date";
  return "string";
}

export function fixtureSalesforceSources(
  fixture: Fixture,
  fields: Record<SObjectName, Map<string, FieldDefinition>>,
): Record<SObjectName, Source<SalesforceRecord>> {
  const out = {} as Record<SObjectName, Source<SalesforceRecord>>;
  for (const name of SOBJECTS) {
    const records = (fixture.salesforce?.[name] ?? []).map((raw) => {
      const { attributes: _attributes, ...record } = raw;
      for (const [field, value] of Object.entries(record)) {
        if (!fields[name].has(field.toLowerCase()) && value !== null) {
          fields[name].set(field.toLowerCase(), { name: field, type: inferType(value), custom: field.endsWith("__c") });
        }
      }
      return record as SalesforceRecord;
    });
    const createdAt = (r: SalesforceRecord) => time(String(r.CreatedDate ?? ""));
    out[name] = arraySource(
      records,
      (r) => r.Id,
      (a, b) => createdAt(a) - createdAt(b),
    );
  }
  return out;
}
