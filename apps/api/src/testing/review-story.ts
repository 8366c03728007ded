import type { CanonicalStage, CrmKind, Definitions } from "@revops/core";
import { defaultDefinitions } from "@revops/core";
import type { Database } from "@revops/db";
import {
  insertTestActivity,
  insertTestConnection,
  insertTestDeal,
  insertTestLead,
  insertTestPipelineStages,
  type TestChange,
} from "@revops/db/testing";

/**
 * One CRM-neutral story for the review correctness tests, written into the canonical
 * tables as HubSpot or as Salesforce records. Week 2026-W10 (Mon 2 March – Mon 9 March,
 * UTC), reviewed as of Friday 6 March 12:00. Wednesday 4 March is a holiday of the
 * business-hours calendar. Expected numbers are worked out by hand in review.int.test.ts.
 */
export const STORY_WEEK = "2026-W10";
export const STORY_AS_OF = "2026-03-06T12:00:00.000Z";

export function storyDefinitions(): Definitions {
  const defs = defaultDefinitions();
  const map = (value: string, serviceLine: string) =>
    (["hubspot", "salesforce"] as const).map((crm) => ({ crm, value, serviceLine }));
  const source = (value: string, category: "marketing" | "sales" | "partner") =>
    (["hubspot", "salesforce"] as const).map((crm) => ({ crm, value, category }));
  return {
    ...defs,
    serviceLines: [
      { key: "cloud", label: "Cloud" },
      { key: "data", label: "Data" },
    ],
    serviceLineMap: [...map("Cloud", "cloud"), ...map("Data", "data")],
    sourceCategoryMap: [...source("Web", "marketing"), ...source("Outbound", "sales"), ...source("Partner", "partner")],
    calendars: defs.calendars.map((c) => (c.key === "business-hours" ? { ...c, holidays: ["2026-03-04"] } : c)),
    targets: [
      { serviceLine: "cloud", fiscalQuarter: "FY2026-Q1", amount: 100_000 },
      { serviceLine: "data", fiscalQuarter: "FY2026-Q1", amount: 5_000 },
    ],
  };
}

const LEAD_VALUES: Record<CrmKind, Partial<Record<CanonicalStage, [string, string]>>> = {
  hubspot: {
    mql: ["lifecyclestage", "marketingqualifiedlead"],
    sal: ["hs_lead_status", "IN_PROGRESS"],
    sql: ["lifecyclestage", "salesqualifiedlead"],
    recycled: ["hs_lead_status", "UNQUALIFIED"],
  },
  salesforce: {
    mql: ["Status", "Open - Not Contacted"],
    sal: ["Status", "Working - Contacted"],
    sql: ["Status", "Closed - Converted"],
    recycled: ["Status", "Closed - Not Converted"],
  },
};
const DEAL_VALUES: Record<CrmKind, Partial<Record<CanonicalStage, string>>> = {
  hubspot: {
    opportunity: "appointmentscheduled",
    proposal: "presentationscheduled",
    closed_won: "closedwon",
    closed_lost: "closedlost",
  },
  salesforce: {
    opportunity: "Prospecting",
    proposal: "Value Proposition",
    closed_won: "Closed Won",
    closed_lost: "Closed Lost",
  },
};

const t = (text: string) => new Date(`${text}:00.000Z`);

export interface StoryIds {
  connectionId: string;
  leads: Record<string, string>;
  deals: Record<string, string>;
}

export async function insertReviewStory(
  db: Database,
  params: { workspaceId: string; crm: CrmKind; settings?: Record<string, unknown> },
): Promise<StoryIds> {
  const { crm, workspaceId } = params;
  const connectionId = await insertTestConnection(db, { workspaceId, crm, settings: params.settings ?? {} });
  const scope = { workspaceId, connectionId, crm };
  const dealStage = (stage: CanonicalStage, at: string): TestChange => ({
    property: crm === "hubspot" ? "dealstage" : "StageName",
    value: DEAL_VALUES[crm][stage] ?? null,
    at: t(at),
  });
  const leadStage = (stage: CanonicalStage, at: string): TestChange => {
    const [property, value] = LEAD_VALUES[crm][stage] ?? ["", ""];
    return { property, value, at: t(at) };
  };
  const pipeline = crm === "hubspot" ? "default" : null;
  await insertTestPipelineStages(db, scope, "default", [
    { stageId: DEAL_VALUES[crm].opportunity ?? "", probability: 0.2 },
    { stageId: DEAL_VALUES[crm].proposal ?? "", probability: 0.6 },
    { stageId: DEAL_VALUES[crm].closed_won ?? "", probability: 1, isClosed: true },
    { stageId: DEAL_VALUES[crm].closed_lost ?? "", probability: 0, isClosed: true },
  ]);

  const lead = (
    crmId: string,
    createdAt: string,
    serviceLineRaw: string,
    sourceRaw: string,
    stages: Array<[CanonicalStage, string]>,
  ) =>
    insertTestLead(db, scope, {
      crmId,
      createdAt: t(createdAt),
      ownerCrmId: "owner-1",
      serviceLineRaw,
      sourceRaw,
      changes: stages.map(([stage, at]) => leadStage(stage, at)),
    });
  const leads = {
    L1: await lead("1001", "2026-03-02T09:00", "Cloud", "Web", [
      ["mql", "2026-03-02T09:00"],
      ["sal", "2026-03-02T11:00"],
      ["sql", "2026-03-03T10:00"],
    ]),
    L2: await lead("1002", "2026-03-02T16:30", "Data", "Outbound", [
      ["mql", "2026-03-02T16:30"],
      ["recycled", "2026-03-03T10:00"],
      ["mql", "2026-03-05T09:00"],
    ]),
    L3: await lead("1003", "2026-03-04T10:00", "Cloud", "Web", [["mql", "2026-03-04T10:00"]]),
    L4: await lead("1004", "2026-03-05T09:00", "Data", "Partner", [
      ["mql", "2026-03-05T09:00"],
      ["sql", "2026-03-06T10:00"],
    ]),
    L5: await lead("1005", "2026-03-06T11:30", "Cloud", "Web", [["mql", "2026-03-06T11:30"]]),
    L6: await lead("1006", "2026-03-03T09:00", "Mystery", "Web", [["mql", "2026-03-03T09:00"]]),
    L7: await lead("1007", "2026-02-24T10:00", "Cloud", "Web", [
      ["mql", "2026-02-24T10:00"],
      ["sal", "2026-02-25T10:00"],
    ]),
  };
  const touch = (
    crmId: string,
    leadId: string,
    at: string,
    kind: "call" | "email",
    extra: { automated?: boolean; direction?: "outbound" } = {},
  ) => insertTestActivity(db, scope, { crmId, leadId, kind, at: t(at), ownerCrmId: "owner-1", ...extra });
  await touch("a1", leads.L1, "2026-03-02T09:05", "email", { automated: true, direction: "outbound" });
  await touch("a2", leads.L1, "2026-03-02T09:30", "call");
  await touch("a3", leads.L2, "2026-03-03T09:45", "email", { direction: "outbound" });
  await touch("a4", leads.L3, "2026-03-04T15:00", "call");
  await touch("a5", leads.L4, "2026-03-05T08:30", "call");
  await touch("a6", leads.L6, "2026-03-03T09:10", "call");
  await touch("a7", leads.L7, "2026-02-24T10:20", "call");

  const money = (value: number, at: string): TestChange => ({ property: "amount", value: String(value), at: t(at) });
  const closes = (value: string, at: string): TestChange => ({ property: "closedate", value, at: t(at) });
  const deal = (
    crmId: string,
    createdAt: string,
    serviceLineRaw: string | null,
    sourceRaw: string | null,
    leadIds: string[],
    changes: TestChange[],
  ) =>
    insertTestDeal(db, scope, {
      crmId,
      createdAt: t(createdAt),
      pipelineId: pipeline,
      ownerCrmId: "owner-2",
      serviceLineRaw,
      sourceRaw,
      leadIds,
      changes,
    });
  const deals = {
    D1: await deal(
      "2001",
      "2026-03-03T12:00",
      null,
      null,
      [leads.L1],
      [
        dealStage("opportunity", "2026-03-03T12:00"),
        money(50_000, "2026-03-03T12:00"),
        closes("2026-03-31", "2026-03-03T12:00"),
        dealStage("proposal", "2026-03-04T12:00"),
        money(60_000, "2026-03-05T10:00"),
        dealStage("closed_won", "2026-03-05T12:00"),
      ],
    ),
    D2: await deal(
      "2002",
      "2026-02-16T10:00",
      "Cloud",
      "Outbound",
      [],
      [
        dealStage("opportunity", "2026-02-16T10:00"),
        money(40_000, "2026-02-16T10:00"),
        closes("2026-04-15", "2026-02-16T10:00"),
        dealStage("proposal", "2026-02-17T10:00"),
        closes("2026-03-20", "2026-03-02T10:00"),
      ],
    ),
    D3: await deal(
      "2003",
      "2026-03-02T10:00",
      "Data",
      "Partner",
      [],
      [
        dealStage("opportunity", "2026-03-02T10:00"),
        money(10_000, "2026-03-02T10:00"),
        closes("2026-03-10", "2026-03-02T10:00"),
        dealStage("closed_lost", "2026-03-04T15:00"),
      ],
    ),
    D4: await deal(
      "2004",
      "2026-03-02T11:00",
      "Cloud",
      "Web",
      [],
      [
        dealStage("opportunity", "2026-03-02T11:00"),
        money(20_000, "2026-03-02T11:00"),
        closes("2026-05-01", "2026-03-02T11:00"),
      ],
    ),
    D5: await deal(
      "2005",
      "2026-02-23T10:00",
      "Data",
      "Outbound",
      [],
      [
        dealStage("opportunity", "2026-02-23T10:00"),
        money(8_000, "2026-02-23T10:00"),
        closes("2026-03-06", "2026-02-23T10:00"),
        dealStage("closed_won", "2026-03-03T15:00"),
      ],
    ),
  };
  return { connectionId, leads, deals };
}
