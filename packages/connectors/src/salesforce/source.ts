import type { CrmSource, CursorValue, PipelineStageInput, Removal, SyncPage, SyncRequest } from "../model.ts";
import { ProblemLog } from "../quality/problems.ts";
import type { SalesforceApi, SalesforceRecord } from "./api.ts";
import {
  EVENT_FIELDS,
  eventToActivity,
  LEAD_FIELDS,
  LEAD_HISTORY_FIELDS,
  leadToLead,
  OPPORTUNITY_FIELDS,
  OPPORTUNITY_HISTORY_FIELDS,
  opportunityHistoryChanges,
  opportunityToDeal,
  type SalesforceFieldSettings,
  statusChange,
  TASK_FIELDS,
  taskToActivity,
  USER_FIELDS,
} from "./records.ts";

type SObject = "User" | "Lead" | "LeadHistory" | "Opportunity" | "OpportunityHistory" | "Task" | "Event";
const OBJECTS: SObject[] = ["User", "Lead", "LeadHistory", "Opportunity", "OpportunityHistory", "Task", "Event"];
/** The modification stamp of each object (history rows are never modified, only created). */
const STAMP: Record<SObject, string> = {
  User: "SystemModstamp",
  Lead: "SystemModstamp",
  LeadHistory: "CreatedDate",
  Opportunity: "SystemModstamp",
  OpportunityHistory: "CreatedDate",
  Task: "SystemModstamp",
  Event: "SystemModstamp",
};
const DELETABLE: Partial<Record<SObject, "lead" | "deal" | "activity">> = {
  Lead: "lead",
  Opportunity: "deal",
  Task: "activity",
  Event: "activity",
};
const BATCH = 2_000;

interface FullCursor extends CursorValue {
  startedAt: string;
  completed: string[];
  current?: { object: string; lastId: string; maxStamp: string };
}

/** Incremental position: after (stamp, id) in (SystemModstamp, Id) order. */
interface IncrementalCursor extends CursorValue {
  since: string;
  lastStamp?: string;
  lastId?: string;
  maxStamp: string;
}

export interface SalesforceSourceOptions {
  /** Overlap window: an incremental pass re-reads this much before the newest stamp seen. */
  overlapMs?: number;
}

/** Reads a Salesforce org as pages of canonical records: keyset SOQL on Id (full) or (SystemModstamp, Id). */
export class SalesforceSource implements CrmSource {
  readonly #api: SalesforceApi;
  readonly #fields: SalesforceFieldSettings;
  readonly #overlapMs: number;

  constructor(api: SalesforceApi, fields: SalesforceFieldSettings, options: SalesforceSourceOptions = {}) {
    this.#api = api;
    this.#fields = fields;
    this.#overlapMs = options.overlapMs ?? 2 * 60_000;
  }

  async *pages(request: SyncRequest): AsyncGenerator<SyncPage> {
    const full = request.cursors.get("full") as FullCursor | undefined;
    if (request.mode === "full" || full) {
      yield* this.#full(full ?? { startedAt: request.startedAt.toISOString(), completed: [] });
    } else {
      for (const object of OBJECTS)
        yield* this.#incremental(object, request.cursors.get(object) as IncrementalCursor | undefined);
    }
    for (const object of Object.keys(DELETABLE) as SObject[]) {
      yield* this.#deleted(object, request.cursors.get(`${object}:deleted`) as { since: string } | undefined);
    }
  }

  async *#full(state: FullCursor): AsyncGenerator<SyncPage> {
    for (const object of OBJECTS) {
      if (state.completed.includes(object)) continue;
      const resume = state.current?.object === object ? state.current : undefined;
      let lastId = resume?.lastId ?? "";
      let maxStamp = resume?.maxStamp ?? "";
      for (;;) {
        const where = [this.#filter(object), lastId ? `Id > '${lastId}'` : ""].filter(Boolean).join(" AND ");
        const records = await this.#api.query(
          `SELECT ${this.#select(object)} FROM ${object}${where ? ` WHERE ${where}` : ""} ORDER BY Id LIMIT ${BATCH}`,
        );
        lastId = records.at(-1)?.Id ?? lastId;
        maxStamp = latestStamp(maxStamp, records, STAMP[object]);
        const done = records.length < BATCH;
        const cursors: Record<string, CursorValue | null> = {};
        if (done) {
          const { current: _, ...rest } = state;
          state = { ...rest, completed: [...state.completed, object] };
          cursors[object] = { since: this.#back(maxStamp), maxStamp } satisfies IncrementalCursor;
          if (DELETABLE[object]) cursors[`${object}:deleted`] = { since: this.#back(maxStamp) };
        } else {
          state = { ...state, current: { object, lastId, maxStamp } };
        }
        cursors.full = state;
        yield this.#toPage(object, records, cursors);
        if (done) break;
      }
    }
    yield { object: "sweep", sweepUnseenSince: new Date(state.startedAt), cursors: { full: null }, records: 0 };
  }

  async *#incremental(object: SObject, start: IncrementalCursor | undefined): AsyncGenerator<SyncPage> {
    let cursor: IncrementalCursor = start ?? { since: "1970-01-01T00:00:00.000Z", maxStamp: "" };
    for (;;) {
      const stamp = STAMP[object];
      const after =
        cursor.lastStamp && cursor.lastId
          ? `(${stamp} > ${cursor.lastStamp} OR (${stamp} = ${cursor.lastStamp} AND Id > '${cursor.lastId}'))`
          : `${stamp} >= ${soqlDate(cursor.since)}`;
      const where = [this.#filter(object), after].filter(Boolean).join(" AND ");
      const records = await this.#api.query(
        `SELECT ${this.#select(object)} FROM ${object} WHERE ${where} ORDER BY ${stamp}, Id LIMIT ${BATCH}`,
      );
      let maxStamp = cursor.maxStamp;
      maxStamp = latestStamp(maxStamp, records, stamp);
      const last = records.at(-1);
      const done = records.length < BATCH;
      cursor = done
        ? { since: maxStamp ? maxOf(cursor.since, this.#back(maxStamp)) : cursor.since, maxStamp }
        : { ...cursor, lastStamp: soqlDate(String(last?.[stamp])), lastId: String(last?.Id), maxStamp };
      const page = this.#toPage(object, records, { [object]: cursor });
      page.observed = observedValues(object, records);
      yield page;
      if (done) return;
    }
  }

  /** Deleted (and merged) records through queryAll, since the last look (with the overlap). */
  async *#deleted(object: SObject, start: { since: string } | undefined): AsyncGenerator<SyncPage> {
    const kind = DELETABLE[object];
    if (!kind) return;
    const since = start?.since ?? "1970-01-01T00:00:00.000Z";
    let lastId = "";
    let maxStamp = "";
    for (;;) {
      const fields = object === "Lead" ? "Id, MasterRecordId, SystemModstamp" : "Id, SystemModstamp";
      const records = await this.#api.query(
        `SELECT ${fields} FROM ${object} WHERE IsDeleted = true AND SystemModstamp >= ${soqlDate(since)}${lastId ? ` AND Id > '${lastId}'` : ""} ORDER BY Id LIMIT ${BATCH}`,
        { all: true },
      );
      const removals: Removal[] = records.map((record) => ({
        object: kind,
        crmId: record.Id,
        at: new Date(String(record.SystemModstamp).replace(/\+0000$/, "Z")),
        ...(record.MasterRecordId ? { mergedIntoCrmId: String(record.MasterRecordId) } : {}),
      }));
      maxStamp = latestStamp(maxStamp, records, "SystemModstamp");
      lastId = records.at(-1)?.Id ?? lastId;
      const done = records.length < BATCH;
      const cursors = done && maxStamp ? { [`${object}:deleted`]: { since: maxOf(since, this.#back(maxStamp)) } } : {};
      yield { object: `${object}:deleted`, removals, cursors, records: records.length };
      if (done) return;
    }
  }

  #select(object: SObject): string {
    const fields: Record<SObject, string[]> = {
      User: USER_FIELDS,
      Lead: [
        ...LEAD_FIELDS,
        this.#fields.serviceLineField,
        ...(this.#fields.tierField ? [this.#fields.tierField] : []),
      ],
      LeadHistory: LEAD_HISTORY_FIELDS,
      Opportunity: [...OPPORTUNITY_FIELDS, this.#fields.serviceLineField],
      OpportunityHistory: OPPORTUNITY_HISTORY_FIELDS,
      Task: [...TASK_FIELDS, ...(this.#fields.automatedField ? [this.#fields.automatedField] : [])],
      Event: EVENT_FIELDS,
    };
    return [...new Set(fields[object])].join(", ");
  }

  #filter(object: SObject): string {
    return object === "LeadHistory" ? "Field = 'Status'" : "";
  }

  #back(stamp: string): string {
    const ms = Date.parse(stamp.replace(/\+0000$/, "Z"));
    return Number.isNaN(ms) ? "1970-01-01T00:00:00.000Z" : new Date(Math.max(0, ms - this.#overlapMs)).toISOString();
  }

  #toPage(object: SObject, records: SalesforceRecord[], cursors: Record<string, CursorValue | null>): SyncPage {
    const problems = new ProblemLog();
    const page: SyncPage = { object, cursors, records: records.length };
    const safely = <T>(record: SalesforceRecord, kind: "lead" | "deal" | "activity", build: () => T | null): T[] => {
      try {
        const built = build();
        return built === null ? [] : [built];
      } catch (error) {
        problems.add({
          crmId: record.Id,
          object: kind,
          kind: "malformed_record",
          field: "",
          value: null,
          message: `record could not be read: ${error instanceof Error ? error.message : String(error)}`,
        });
        return [];
      }
    };
    if (object === "User") {
      page.owners = records.map((r) => ({
        crmId: r.Id,
        name: (r.Name as string | null) ?? null,
        email: (r.Email as string | null) ?? null,
        team: (r.Department as string | null) ?? null,
      }));
    } else if (object === "Lead") {
      page.leads = { records: records.flatMap((r) => safely(r, "lead", () => leadToLead(r, this.#fields, problems))) };
      page.settleLeadStatus = records.map((r) => r.Id);
      page.currentLeadStatus = Object.fromEntries(records.map((r) => [r.Id, (r.Status as string | null) ?? null]));
    } else if (object === "LeadHistory") {
      page.leadHistory = records.flatMap((r) => safely(r, "lead", () => statusChange(r, problems)));
      page.settleLeadStatus = [...new Set(records.map((r) => String(r.LeadId)))];
    } else if (object === "Opportunity") {
      page.deals = {
        records: records.flatMap((r) => safely(r, "deal", () => opportunityToDeal(r, this.#fields, problems))),
      };
    } else if (object === "OpportunityHistory") {
      page.dealHistory = records.flatMap((r) => safely(r, "deal", () => opportunityHistoryChanges(r, problems))).flat();
      const stages = new Map<string, PipelineStageInput>();
      for (const r of records) {
        const stage = String(r.StageName ?? "");
        const probability = Number(r.Probability);
        if (!stage || !Number.isFinite(probability)) continue;
        stages.set(stage, {
          pipelineId: "default",
          stageId: stage,
          label: stage,
          probability: probability / 100,
          isClosed: stage.startsWith("Closed"),
          displayOrder: 0,
        });
      }
      page.stages = [...stages.values()];
    } else if (object === "Task") {
      page.activities = records.flatMap((r) => safely(r, "activity", () => taskToActivity(r, this.#fields, problems)));
    } else {
      page.activities = records.flatMap((r) => safely(r, "activity", () => eventToActivity(r, problems)));
    }
    page.problems = problems.problems;
    return page;
  }
}

/** SOQL datetime literals are unquoted ISO 8601 with a Z or offset. */
function soqlDate(value: string): string {
  const ms = Date.parse(value.replace(/\+0000$/, "Z"));
  return Number.isNaN(ms) ? "1970-01-01T00:00:00.000Z" : new Date(ms).toISOString();
}

function maxOf(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return parseStamp(a) >= parseStamp(b) ? a : b;
}

/** `maxOf` folded over the records' stamps, each parsed once (a full sync folds 740k of them). */
function latestStamp(current: string, records: SalesforceRecord[], field: string): string {
  let latest = current;
  let latestMs = latest ? parseStamp(latest) : Number.NaN;
  for (const record of records) {
    const stamp = String(record[field] ?? "");
    if (!stamp) continue;
    const ms = parseStamp(stamp);
    if (!latest || !(latestMs >= ms)) {
      latest = stamp;
      latestMs = ms;
    }
  }
  return latest;
}

const parseStamp = (stamp: string) => Date.parse(stamp.replace(/\+0000$/, "Z"));

/** Incremental: the current stage (and amount, close date) as seen, in case no history row records the change. */
function observedValues(object: SObject, records: SalesforceRecord[]): SyncPage["observed"] {
  const at = (record: SalesforceRecord) =>
    new Date(String(record.SystemModstamp ?? record.CreatedDate).replace(/\+0000$/, "Z"));
  const value = (raw: unknown) => (raw === null || raw === undefined || raw === "" ? null : String(raw));
  if (object === "Lead") {
    return {
      object: "lead",
      values: records.map((r) => ({ crmId: r.Id, at: at(r), values: { Status: value(r.Status) } })),
    };
  }
  if (object === "Opportunity") {
    return {
      object: "deal",
      values: records.map((r) => ({
        crmId: r.Id,
        at: at(r),
        values: {
          StageName: value(r.StageName),
          amount: r.Amount === null || r.Amount === undefined ? null : String(Number(r.Amount)),
          closedate: value(r.CloseDate),
        },
      })),
    };
  }
  return undefined;
}
