import { DEFAULT_CALENDAR_KEY } from "../definitions/defaults.ts";
import type { BusinessCalendar, Definitions, SlaKind, SlaRule } from "../definitions/types.ts";
import type { Segment } from "../metrics/facts.ts";
import type { CanonicalStage } from "../model.ts";

/** A rule applies when every non-empty filter contains the entity's value. */
export function ruleMatches(rule: SlaRule, segment: Segment): boolean {
  const { serviceLines, sourceCategories, tiers } = rule.filters;
  if (serviceLines?.length && !serviceLines.includes(segment.serviceLine)) return false;
  if (sourceCategories?.length && !sourceCategories.includes(segment.sourceCategory)) return false;
  if (tiers?.length && (segment.tier === null || !tiers.includes(segment.tier))) return false;
  return true;
}

/** The first rule (in definition order) of a kind that matches; rule order is the precedence. */
export function matchingRule(
  defs: Definitions,
  kind: SlaKind,
  segment: Segment,
  startStage?: CanonicalStage,
): SlaRule | null {
  return (
    defs.slaRules.find(
      (rule) =>
        rule.kind === kind &&
        (startStage === undefined || rule.startStage === startStage) &&
        ruleMatches(rule, segment),
    ) ?? null
  );
}

/** The calendar a rule names; the workspace default (24×7 in the workspace zone) when missing. */
export function calendarFor(defs: Definitions, key: string | null): BusinessCalendar {
  const found = defs.calendars.find((c) => c.key === key) ?? defs.calendars.find((c) => c.key === DEFAULT_CALENDAR_KEY);
  return (
    found ?? {
      key: DEFAULT_CALENDAR_KEY,
      timezone: defs.timezone,
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "00:00", close: "24:00" })),
      holidays: [],
    }
  );
}
