import type { CrmSource, CursorValue, Removal, SyncPage, SyncRequest } from "../model.ts";
import { ProblemLog } from "../quality/problems.ts";
import type { HubspotApi, HubspotObject, HubspotObjectType } from "./api.ts";
import {
  contactProperties,
  contactToLead,
  dealProperties,
  ENGAGEMENT_PROPERTIES,
  engagementToActivity,
  type HubspotFieldSettings,
  hubspotDealToDeal,
  isEngagement,
  LEAD_STAGE_PROPERTIES,
} from "./records.ts";

const TYPES: HubspotObjectType[] = ["contacts", "deals", "calls", "emails", "meetings"];
const MODIFIED: Record<HubspotObjectType, string> = {
  contacts: "lastmodifieddate",
  deals: "hs_lastmodifieddate",
  calls: "hs_lastmodifieddate",
  emails: "hs_lastmodifieddate",
  meetings: "hs_lastmodifieddate",
};
const OBJECT = {
  contacts: "lead",
  deals: "deal",
  calls: "activity",
  emails: "activity",
  meetings: "activity",
} as const;

/** A full sync in progress (its start bounds the final sweep); each object has its own `full:<type>` position. */
interface FullCursor extends CursorValue {
  startedAt: string;
}

/** Where the full read of one object stands: the next page, or done. */
interface FullPosition extends CursorValue {
  after?: string;
  maxModified: number;
  done?: boolean;
}

/** An object's incremental position: modified since `since`, past `lastId` within this pass. */
interface IncrementalCursor extends CursorValue {
  since: number;
  lastId: string;
  maxModified: number;
}

export interface HubspotSourceOptions {
  /** Look-back for search index lag: the next pass starts this long before the newest change seen. */
  lookbackMs?: number;
}

/** Reads a HubSpot portal as pages of canonical records (see CrmSource). */
export class HubspotSource implements CrmSource {
  readonly #api: HubspotApi;
  readonly #fields: HubspotFieldSettings;
  readonly #lookbackMs: number;
  #stageIds: string[] = [];

  constructor(api: HubspotApi, fields: HubspotFieldSettings, options: HubspotSourceOptions = {}) {
    this.#api = api;
    this.#fields = fields;
    this.#lookbackMs = options.lookbackMs ?? 5 * 60_000;
  }

  async *pages(request: SyncRequest): AsyncGenerator<SyncPage> {
    const full = request.cursors.get("full") as FullCursor | undefined;
    if (request.touched && !full) {
      yield* this.#pipelines({});
      yield* this.#touched(request.touched);
      return;
    }
    if (request.mode === "full" || full) {
      yield* this.#full(full ?? { startedAt: request.startedAt.toISOString() }, request.cursors);
    } else {
      yield* this.#owners({});
      yield* this.#pipelines({});
      for (const type of TYPES)
        yield* this.#incremental(type, request.cursors.get(type) as IncrementalCursor | undefined);
    }
    for (const type of TYPES) yield* this.#archived(type);
  }

  async *#owners(cursors: Record<string, CursorValue | null>): AsyncGenerator<SyncPage> {
    let after: string | undefined;
    do {
      const page = await this.#api.ownersPage(after);
      after = page.after;
      yield {
        object: "owners",
        owners: page.results.map((owner) => ({
          crmId: owner.id,
          name: [owner.firstName, owner.lastName].filter(Boolean).join(" ") || null,
          email: owner.email ?? null,
          team: owner.teams?.find((team) => team.primary)?.name ?? null,
        })),
        cursors,
        records: page.results.length,
      };
    } while (after);
  }

  async *#pipelines(cursors: Record<string, CursorValue | null>): AsyncGenerator<SyncPage> {
    const pipelines = await this.#api.dealPipelines();
    this.#stageIds = pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => stage.id));
    const stages = pipelines.flatMap((pipeline) =>
      pipeline.stages.map((stage) => {
        const probability = Number(stage.metadata?.probability);
        return {
          pipelineId: pipeline.id,
          stageId: stage.id,
          label: stage.label,
          probability: Number.isFinite(probability) && stage.metadata?.probability !== undefined ? probability : null,
          isClosed: stage.metadata?.isClosed === "true",
          displayOrder: stage.displayOrder,
        };
      }),
    );
    yield { object: "pipelines", stages, cursors, records: stages.length };
  }

  /**
   * The five objects are read as concurrent streams, each with its own cursor, so the portal's
   * request budget (not one stream's latency) bounds the sync; pages are still committed one by one.
   */
  async *#full(state: FullCursor, cursors: Map<string, CursorValue>): AsyncGenerator<SyncPage> {
    yield* this.#owners({ full: state });
    yield* this.#pipelines({ full: state });
    yield* mergeStreams(
      TYPES.map((type) => this.#fullObject(type, cursors.get(`full:${type}`) as FullPosition | undefined)),
    );
    const done = Object.fromEntries(TYPES.map((type) => [`full:${type}`, null]));
    yield {
      object: "sweep",
      sweepUnseenSince: new Date(state.startedAt),
      cursors: { full: null, ...done },
      records: 0,
    };
  }

  async *#fullObject(type: HubspotObjectType, resume: FullPosition | undefined): AsyncGenerator<SyncPage> {
    if (resume?.done) return;
    let after = resume?.after;
    let maxModified = resume?.maxModified ?? 0;
    do {
      const selection = this.#selection(type);
      const page = await this.#api.listPage(type, {
        after,
        limit: selection.history ? 50 : 100,
        properties: selection.properties,
        ...(selection.history ? { propertiesWithHistory: selection.history } : {}),
        ...(type === "contacts" ? {} : { associations: ["contacts"] }),
      });
      after = page.after;
      maxModified = Math.max(maxModified, ...page.results.map((r) => modifiedOf(type, r)));
      const cursors: Record<string, CursorValue | null> = {
        [`full:${type}`]: after
          ? ({ after, maxModified } satisfies FullPosition)
          : ({ done: true, maxModified } satisfies FullPosition),
      };
      if (!after) {
        cursors[type] = {
          since: Math.max(0, maxModified - this.#lookbackMs),
          lastId: "0",
          maxModified,
        } satisfies IncrementalCursor;
      }
      yield this.#toPage(type, page.results, undefined, cursors);
    } while (after);
  }

  /** Keyset search on (modified ≥ since, id > lastId) by id: never reaches the 10,000-result cap. */
  async *#incremental(type: HubspotObjectType, start: IncrementalCursor | undefined): AsyncGenerator<SyncPage> {
    let cursor: IncrementalCursor = start ?? { since: 0, lastId: "0", maxModified: 0 };
    for (;;) {
      const found = await this.#api.search(type, {
        filters: [
          { propertyName: MODIFIED[type], operator: "GTE", value: String(cursor.since) },
          { propertyName: "hs_object_id", operator: "GT", value: cursor.lastId },
        ],
        sortBy: "hs_object_id",
        properties: ["hs_object_id", MODIFIED[type]],
        limit: 100,
      });
      const ids = found.results.map((result) => result.id);
      const done = ids.length < 100;
      const selection = this.#selection(type);
      const read = await this.#api.batchRead(type, ids, {
        properties: selection.properties,
        ...(selection.history ? { propertiesWithHistory: selection.history } : {}),
      });
      const links = type === "contacts" ? undefined : await this.#api.associations(type, "contacts", ids);
      const maxModified = Math.max(cursor.maxModified, ...read.results.map((r) => modifiedOf(type, r)));
      cursor = done
        ? { since: Math.max(cursor.since, maxModified - this.#lookbackMs), lastId: "0", maxModified }
        : { since: cursor.since, lastId: ids[ids.length - 1] ?? cursor.lastId, maxModified };
      const page = this.#toPage(type, read.results, links, { [type]: cursor });
      // A record found by search but gone by the time it was read was deleted meanwhile.
      page.removals = [
        ...(page.removals ?? []),
        ...read.missing.map((crmId) => ({ object: OBJECT[type], crmId, at: new Date() })),
      ];
      yield page;
      if (done) return;
    }
  }

  async *#touched(touched: { contacts: string[]; deals: string[] }): AsyncGenerator<SyncPage> {
    for (const [type, ids] of [
      ["contacts", touched.contacts],
      ["deals", touched.deals],
    ] as const) {
      for (let start = 0; start < ids.length; start += 100) {
        const chunk = ids.slice(start, start + 100);
        const selection = this.#selection(type);
        const read = await this.#api.batchRead(type, chunk, {
          properties: selection.properties,
          propertiesWithHistory: selection.history ?? [],
        });
        const links = type === "deals" ? await this.#api.associations("deals", "contacts", chunk) : undefined;
        const page = this.#toPage(type, read.results, links, {});
        page.removals = [
          ...(page.removals ?? []),
          ...read.missing.map((crmId) => ({ object: OBJECT[type], crmId, at: new Date() })),
        ];
        yield page;
      }
    }
  }

  async *#archived(type: HubspotObjectType): AsyncGenerator<SyncPage> {
    let after: string | undefined;
    do {
      const page = await this.#api.listPage(type, { after, limit: 100, properties: ["hs_object_id"], archived: true });
      after = page.after;
      const removals: Removal[] = page.results.map((record) => ({
        object: OBJECT[type],
        crmId: record.id,
        at: new Date(record.archivedAt ?? record.updatedAt),
      }));
      if (removals.length > 0 || after) yield { object: `${type}:archived`, removals, records: removals.length };
    } while (after);
  }

  #selection(type: HubspotObjectType): { properties: string[]; history?: string[] } {
    if (type === "contacts") {
      const selection = contactProperties(this.#fields);
      return { properties: selection.properties, history: selection.history };
    }
    if (type === "deals") {
      const selection = dealProperties(this.#fields, this.#stageIds);
      return { properties: selection.properties, history: selection.history };
    }
    return { properties: ENGAGEMENT_PROPERTIES[type as "calls"] };
  }

  #toPage(
    type: HubspotObjectType,
    records: HubspotObject[],
    links: Map<string, string[]> | undefined,
    cursors: Record<string, CursorValue | null>,
  ): SyncPage {
    const problems = new ProblemLog();
    const page: SyncPage = { object: type, cursors, records: records.length };
    const removals: Removal[] = [];
    const contactsOf = (record: HubspotObject) =>
      links
        ? (links.get(record.id) ?? [])
        : (record.associations?.contacts?.results.map((link) => String(link.id)) ?? []);
    for (const record of records) {
      for (const loser of (record.properties.hs_merged_object_ids ?? "").split(";").filter(Boolean)) {
        removals.push({
          object: OBJECT[type],
          crmId: loser,
          at: new Date(record.updatedAt),
          mergedIntoCrmId: record.id,
        });
      }
    }
    if (type === "contacts") {
      const leads = records.flatMap((record) =>
        convert(problems, record.id, "lead", () => contactToLead(record, this.#fields, problems)),
      );
      page.leads = { records: leads, replaceProperties: [...LEAD_STAGE_PROPERTIES, "service_line"] };
    } else if (type === "deals") {
      const deals = records.flatMap((record) =>
        convert(problems, record.id, "deal", () => ({
          ...hubspotDealToDeal(record, this.#fields, problems),
          leadCrmIds: contactsOf(record),
        })),
      );
      page.deals = { records: deals, replaceProperties: ["dealstage", "amount", "closedate"] };
    } else if (isEngagement(type)) {
      page.activities = records.flatMap((record) =>
        convert(
          problems,
          record.id,
          "activity",
          () => engagementToActivity(type, record, contactsOf(record)[0] ?? null, problems) ?? [],
        ),
      );
    }
    page.removals = removals;
    page.problems = problems.problems;
    return page;
  }
}

/** One bad record never stops the sync: it is reported and the rest of the page is kept. */
function convert<T>(
  problems: ProblemLog,
  crmId: string,
  object: "lead" | "deal" | "activity",
  build: () => T | T[],
): T[] {
  try {
    const built = build();
    return Array.isArray(built) ? built : [built];
  } catch (error) {
    problems.add({
      crmId,
      object,
      kind: "malformed_record",
      field: "",
      value: null,
      message: `record could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return [];
  }
}

function modifiedOf(type: HubspotObjectType, record: HubspotObject): number {
  const value = record.properties[MODIFIED[type]];
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? new Date(record.updatedAt).getTime() : ms;
}

/** Pages of several streams as each arrives; every stream has its next page in flight (at most one each). */
async function* mergeStreams<T>(streams: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => {
    const next = (streams[index] as AsyncGenerator<T>).next().then((result) => ({ index, result }));
    next.catch(() => {});
    pending.set(index, next);
  };
  streams.forEach((_, index) => {
    pull(index);
  });
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.return(undefined).catch(() => undefined)));
  }
}
