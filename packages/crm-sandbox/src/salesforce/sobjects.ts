import { json, type SandboxRequest, type SandboxResponse } from "../http.ts";
import type { View } from "../store.ts";
import { type SalesforceDataset, sobjectName } from "./dataset.ts";
import { salesforceError } from "./errors.ts";
import { KEY_PREFIX, SOBJECTS, type SObjectName, sfDateTime } from "./schema.ts";

// sobjects: global describe, describe, one record, and the replication resources updated/deleted.
const SOAP_TYPE: Record<string, string> = {
  id: "tns:ID",
  reference: "tns:ID",
  datetime: "xsd:dateTime",
  date: "xsd:date",
  boolean: "xsd:boolean",
  currency: "xsd:double",
  double: "xsd:double",
  percent: "xsd:double",
  int: "xsd:int",
};
const label = (name: string) =>
  name
    .replace(/__c$/, "")
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2");

function urls(version: string, name: string) {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function unknownType(name: string): SandboxResponse {
  return salesforceError(
    404,
    "NOT_FOUND",
    `The requested resource does not exist: sObject type '${name}' is not supported.`,
  );
}

export function globalDescribe(version: string): SandboxResponse {
  return json(200, {
    encoding: "UTF-8",
    maxBatchSize: 200,
    sobjects: SOBJECTS.map((name) => ({
      name,
      label: label(name),
      keyPrefix: KEY_PREFIX[name],
      custom: false,
      queryable: true,
      replicateable: true,
      retrieveable: true,
      urls: urls(version, name),
    })),
  });
}

export function describe(data: SalesforceDataset, version: string, objectName: string): SandboxResponse {
  const name = sobjectName(objectName);
  if (!name) return unknownType(objectName);
  const fields = [...data.fields[name].values()].map((f) => ({
    name: f.name,
    label: label(f.name),
    type: f.type,
    soapType: SOAP_TYPE[f.type] ?? "xsd:string",
    length:
      f.type === "string" || f.type === "picklist" || f.type === "email"
        ? 255
        : f.type === "id" || f.type === "reference"
          ? 18
          : 0,
    nillable: f.name !== "Id" && f.type !== "boolean",
    custom: f.custom,
    picklistValues: (f.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.type === "reference" ? f.name.replace(/Id$/, "") : null,
    filterable: true,
    sortable: true,
    groupable: true,
    createable: !f.name.endsWith("Date") && f.name !== "Id",
    updateable: !f.name.endsWith("Date") && f.name !== "Id",
    calculated: false,
  }));
  return json(200, {
    name,
    label: label(name),
    labelPlural: `${label(name)}s`,
    keyPrefix: KEY_PREFIX[name],
    custom: false,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields,
    childRelationships: [],
    recordTypeInfos: [],
    urls: urls(version, name),
  });
}

export function getRecord(
  data: SalesforceDataset,
  view: View,
  version: string,
  objectName: string,
  id: string,
): SandboxResponse {
  const name = sobjectName(objectName);
  if (!name) return unknownType(objectName);
  const record = data.collections[name].find(id, view);
  if (!record || record.IsDeleted === true) {
    return salesforceError(404, "NOT_FOUND", "The requested resource does not exist");
  }
  return json(200, {
    attributes: { type: name, url: `/services/data/v${version}/sobjects/${name}/${record.Id}` },
    ...record,
  });
}

function range(request: SandboxRequest): { start: number; end: number } | SandboxResponse {
  const q = request.url.searchParams;
  const start = Date.parse(q.get("start") ?? "");
  const end = Date.parse(q.get("end") ?? "");
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return salesforceError(400, "MALFORMED_QUERY", "Both start and end parameters are required, in ISO 8601 format");
  }
  if (end < start) return salesforceError(400, "INVALID_REPLICATION_DATE", "end date must be after start date");
  return { start, end: Math.floor(end / 60_000) * 60_000 };
}

function replicated(
  data: SalesforceDataset,
  view: View,
  name: SObjectName,
  start: number,
  end: number,
  deleted: boolean,
) {
  const out: { id: string; at: number }[] = [];
  for (const record of data.collections[name].scan(view)) {
    if ((record.IsDeleted === true) !== deleted) continue;
    const at = Date.parse(String(record.SystemModstamp ?? record.CreatedDate));
    if (at >= start && at <= end) out.push({ id: record.Id, at });
  }
  return out;
}

export function updated(
  data: SalesforceDataset,
  view: View,
  request: SandboxRequest,
  objectName: string,
): SandboxResponse {
  const name = sobjectName(objectName);
  if (!name) return unknownType(objectName);
  const r = range(request);
  if ("status" in r) return r;
  const ids = replicated(data, view, name, r.start, r.end, false).map((x) => x.id);
  return json(200, { ids, latestDateCovered: sfDateTime(r.end) });
}

export function deleted(
  data: SalesforceDataset,
  view: View,
  request: SandboxRequest,
  objectName: string,
): SandboxResponse {
  const name = sobjectName(objectName);
  if (!name) return unknownType(objectName);
  const r = range(request);
  if ("status" in r) return r;
  const deletedRecords = replicated(data, view, name, r.start, r.end, true).map((x) => ({
    id: x.id,
    deletedDate: sfDateTime(x.at),
  }));
  return json(200, {
    deletedRecords,
    earliestDateAvailable: sfDateTime(view.asOf - 15 * 86_400_000),
    latestDateCovered: sfDateTime(r.end),
  });
}
