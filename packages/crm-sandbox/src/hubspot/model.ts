// HubSpot CRM v3 object shapes, as the API returns them.
export const HUBSPOT_TYPES = ["contacts", "deals", "calls", "emails", "meetings"] as const;
export type HubspotType = (typeof HUBSPOT_TYPES)[number];

export interface HistoryEntry {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}

export interface HubspotRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  properties: Record<string, string | null>;
  history: Record<string, HistoryEntry[]>;
}

export interface HubspotAssociation {
  toObjectId: number;
  associationTypes: { category: "HUBSPOT_DEFINED" | "USER_DEFINED"; typeId: number; label: string | null }[];
}

const TYPE_ALIASES: Record<string, HubspotType> = {
  contacts: "contacts",
  contact: "contacts",
  "0-1": "contacts",
  deals: "deals",
  deal: "deals",
  "0-3": "deals",
  calls: "calls",
  call: "calls",
  "0-48": "calls",
  emails: "emails",
  email: "emails",
  "0-49": "emails",
  meetings: "meetings",
  meeting: "meetings",
  "0-47": "meetings",
};

export function hubspotType(name: string): HubspotType | undefined {
  return TYPE_ALIASES[name.toLowerCase()];
}

/** HubSpot-defined association type ids (v4), from → to. */
const ASSOCIATION_TYPE_IDS: Record<string, number> = {
  "contacts>deals": 4,
  "deals>contacts": 3,
  "contacts>calls": 193,
  "calls>contacts": 194,
  "contacts>emails": 197,
  "emails>contacts": 198,
  "contacts>meetings": 199,
  "meetings>contacts": 200,
  "deals>calls": 205,
  "calls>deals": 206,
  "deals>emails": 209,
  "emails>deals": 210,
  "deals>meetings": 211,
  "meetings>deals": 212,
};

export function associationTypeId(from: HubspotType, to: HubspotType): number {
  return ASSOCIATION_TYPE_IDS[`${from}>${to}`] ?? 0;
}

/** Properties returned when a request names none, per object type. */
export const DEFAULT_PROPERTIES: Record<HubspotType, string[]> = {
  contacts: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
  deals: [
    "amount",
    "closedate",
    "createdate",
    "dealname",
    "dealstage",
    "hs_lastmodifieddate",
    "hs_object_id",
    "pipeline",
  ],
  calls: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id", "hs_timestamp"],
  emails: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id", "hs_timestamp"],
  meetings: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id", "hs_timestamp"],
};

/** The property holding the record's modification time (contacts differ from every other object). */
export function lastModifiedProperty(type: HubspotType): string {
  return type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";
}

export const iso = (ms: number): string => new Date(ms).toISOString();
