import type { CanonicalStage, CrmKind, CrmObject, SourceCategory } from "../model.ts";

export interface StageMappingEntry {
  crm: CrmKind;
  object: CrmObject;
  property: string;
  /** null = every pipeline; a specific pipeline id wins over null. */
  pipelineId: string | null;
  value: string;
  stage: CanonicalStage;
}

export interface ServiceLine {
  key: string;
  label: string;
}

export interface ServiceLineMapEntry {
  crm: CrmKind;
  value: string;
  serviceLine: string;
}

export interface SourceCategoryMapEntry {
  crm: CrmKind;
  value: string;
  category: SourceCategory;
}

export interface WeeklyHours {
  /** ISO weekday, Monday = 1 ... Sunday = 7. */
  weekday: number;
  /** Local `HH:MM`; `close` may be `24:00` (end of day). */
  open: string;
  close: string;
}

export interface BusinessCalendar {
  key: string;
  timezone: string;
  weeklyHours: WeeklyHours[];
  /** Local dates `YYYY-MM-DD` on which the calendar is closed all day. */
  holidays: string[];
}

export type SlaKind = "first_touch" | "acceptance" | "stage_to_stage" | "stage_max_age";

export interface SlaFilters {
  serviceLines?: string[];
  sourceCategories?: string[];
  tiers?: string[];
}

export interface SlaRule {
  key: string;
  name: string;
  kind: SlaKind;
  startStage: CanonicalStage;
  /** Ignored by first_touch (stops at the first touch) and stage_max_age (stops on leaving the stage). */
  stopStages: CanonicalStage[];
  targetMinutes: number;
  calendarKey: string;
  filters: SlaFilters;
  /** Fraction of the target after which the clock is at risk (default 0.75). */
  atRiskFraction: number;
  /** Business minutes after the deadline at which an unstopped clock escalates. */
  escalateAfterMinutes: number | null;
  channels: string[];
  escalationChannels: string[];
}

export interface Target {
  /** Service-line key, or "all" for the workspace total. */
  serviceLine: string;
  /** `FY<year>-Q<1..4>`; the fiscal year is named after the calendar year in which it ends. */
  fiscalQuarter: string;
  amount: number;
}

/** Everything a workspace agrees on (spec: versioned, editable, audited). Plain data, JSON-safe. */
export interface Definitions {
  timezone: string;
  /** 1 = January. */
  fiscalYearStartMonth: number;
  stageMapping: StageMappingEntry[];
  serviceLines: ServiceLine[];
  serviceLineMap: ServiceLineMapEntry[];
  sourceCategoryMap: SourceCategoryMapEntry[];
  calendars: BusinessCalendar[];
  slaRules: SlaRule[];
  targets: Target[];
}
