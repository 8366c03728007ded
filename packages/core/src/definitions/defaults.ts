import type { CanonicalStage, CrmKind, CrmObject } from "../model.ts";
import type { BusinessCalendar, Definitions, SlaRule, StageMappingEntry } from "./types.ts";

export const DEFAULT_CALENDAR_KEY = "default";
export const BUSINESS_HOURS_CALENDAR_KEY = "business-hours";

function entries(
  crm: CrmKind,
  object: CrmObject,
  property: string,
  stage: CanonicalStage,
  values: string[],
): StageMappingEntry[] {
  return values.map((value) => ({ crm, object, property, pipelineId: null, value, stage }));
}

/** The default mapping table of spec §1, for both CRMs. */
export function defaultStageMapping(): StageMappingEntry[] {
  return [
    ...entries("hubspot", "lead", "lifecyclestage", "lead", ["subscriber", "lead"]),
    ...entries("hubspot", "lead", "lifecyclestage", "mql", ["marketingqualifiedlead"]),
    ...entries("hubspot", "lead", "hs_lead_status", "sal", [
      "IN_PROGRESS",
      "CONNECTED",
      "OPEN_DEAL",
      "ATTEMPTED_TO_CONTACT",
    ]),
    ...entries("hubspot", "lead", "lifecyclestage", "sql", ["salesqualifiedlead", "opportunity"]),
    ...entries("hubspot", "lead", "hs_lead_status", "recycled", ["UNQUALIFIED", "BAD_TIMING"]),
    ...entries("salesforce", "lead", "Status", "mql", ["Open - Not Contacted"]),
    ...entries("salesforce", "lead", "Status", "sal", ["Working - Contacted"]),
    ...entries("salesforce", "lead", "Status", "sql", ["Closed - Converted"]),
    ...entries("salesforce", "lead", "Status", "recycled", ["Closed - Not Converted"]),
    ...entries("hubspot", "deal", "dealstage", "opportunity", ["appointmentscheduled", "qualifiedtobuy"]),
    ...entries("hubspot", "deal", "dealstage", "proposal", ["presentationscheduled", "decisionmakerboughtin"]),
    ...entries("hubspot", "deal", "dealstage", "negotiation", ["contractsent"]),
    ...entries("hubspot", "deal", "dealstage", "closed_won", ["closedwon"]),
    ...entries("hubspot", "deal", "dealstage", "closed_lost", ["closedlost"]),
    ...entries("salesforce", "deal", "StageName", "opportunity", ["Prospecting", "Qualification", "Needs Analysis"]),
    ...entries("salesforce", "deal", "StageName", "proposal", [
      "Value Proposition",
      "Id. Decision Makers",
      "Perception Analysis",
      "Proposal/Price Quote",
    ]),
    ...entries("salesforce", "deal", "StageName", "negotiation", ["Negotiation/Review"]),
    ...entries("salesforce", "deal", "StageName", "closed_won", ["Closed Won"]),
    ...entries("salesforce", "deal", "StageName", "closed_lost", ["Closed Lost"]),
  ];
}

const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "00:00", close: "24:00" }));
const OFFICE_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "09:00", close: "17:00" }));

export function defaultCalendars(timezone = "UTC"): BusinessCalendar[] {
  return [
    { key: DEFAULT_CALENDAR_KEY, timezone, weeklyHours: ALL_DAY, holidays: [] },
    { key: BUSINESS_HOURS_CALENDAR_KEY, timezone, weeklyHours: OFFICE_HOURS, holidays: [] },
  ];
}

function rule(
  partial: Pick<SlaRule, "key" | "name" | "kind" | "startStage" | "stopStages" | "targetMinutes">,
): SlaRule {
  return {
    calendarKey: BUSINESS_HOURS_CALENDAR_KEY,
    filters: {},
    atRiskFraction: 0.75,
    escalateAfterMinutes: null,
    channels: ["in_app"],
    escalationChannels: [],
    ...partial,
  };
}

const BUSINESS_DAY = 8 * 60;

/**
 * Spec defaults plus starter SLA rules (documented in DECISIONS.md): first touch within
 * 60 business minutes, accept/reject within 2 business days, and a maximum age per open
 * deal stage of 10 / 10 / 15 business days.
 */
export function defaultDefinitions(): Definitions {
  return {
    timezone: "UTC",
    fiscalYearStartMonth: 1,
    stageMapping: defaultStageMapping(),
    serviceLines: [],
    serviceLineMap: [],
    sourceCategoryMap: [],
    calendars: defaultCalendars(),
    slaRules: [
      {
        ...rule({
          key: "first-touch",
          name: "First touch within 1 business hour",
          kind: "first_touch",
          startStage: "mql",
          stopStages: [],
          targetMinutes: 60,
        }),
        escalateAfterMinutes: 60,
        escalationChannels: ["in_app"],
      },
      rule({
        key: "acceptance",
        name: "Accept or reject within 2 business days",
        kind: "acceptance",
        startStage: "mql",
        stopStages: ["sal", "recycled"],
        targetMinutes: 2 * BUSINESS_DAY,
      }),
      rule({
        key: "max-age-opportunity",
        name: "Opportunity older than 10 business days",
        kind: "stage_max_age",
        startStage: "opportunity",
        stopStages: [],
        targetMinutes: 10 * BUSINESS_DAY,
      }),
      rule({
        key: "max-age-proposal",
        name: "Proposal older than 10 business days",
        kind: "stage_max_age",
        startStage: "proposal",
        stopStages: [],
        targetMinutes: 10 * BUSINESS_DAY,
      }),
      rule({
        key: "max-age-negotiation",
        name: "Negotiation older than 15 business days",
        kind: "stage_max_age",
        startStage: "negotiation",
        stopStages: [],
        targetMinutes: 15 * BUSINESS_DAY,
      }),
    ],
    targets: [],
  };
}
