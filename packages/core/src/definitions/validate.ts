import { parseClock } from "../calendar/hours.ts";
import { CANONICAL_STAGES, isCanonicalStage } from "../stages/order.ts";
import { isFiscalQuarterKey } from "../time/fiscal.ts";
import { isValidTimeZone, parseDate } from "../time/zone.ts";
import type { Definitions } from "./types.ts";

export interface DefinitionIssue {
  path: string;
  message: string;
}

const SLA_KINDS = ["first_touch", "acceptance", "stage_to_stage", "stage_max_age"];
const CATEGORIES = ["marketing", "sales", "partner", "other"];

function stageIssue(path: string, value: unknown): DefinitionIssue | null {
  if (isCanonicalStage(value)) return null;
  return {
    path,
    message: `${path}: unknown stage ${JSON.stringify(value)}; expected one of ${CANONICAL_STAGES.join(", ")}`,
  };
}

function zoneIssue(path: string, zone: string): DefinitionIssue | null {
  return isValidTimeZone(zone) ? null : { path, message: `${path}: unknown time zone ${JSON.stringify(zone)}` };
}

/** Every problem in a definitions document, each naming its field path; empty when valid. Pure. */
export function validateDefinitions(defs: Definitions): DefinitionIssue[] {
  const issues: Array<DefinitionIssue | null> = [];
  const add = (path: string, message: string) => issues.push({ path, message: `${path}: ${message}` });
  issues.push(zoneIssue("timezone", defs.timezone));
  if (!Number.isInteger(defs.fiscalYearStartMonth) || defs.fiscalYearStartMonth < 1 || defs.fiscalYearStartMonth > 12) {
    add("fiscalYearStartMonth", `must be an integer 1..12, got ${defs.fiscalYearStartMonth}`);
  }

  const seenMappings = new Map<string, number>();
  defs.stageMapping.forEach((entry, i) => {
    const path = `stageMapping[${i}]`;
    issues.push(stageIssue(`${path}.stage`, entry.stage));
    const key = JSON.stringify([entry.crm, entry.object, entry.property, entry.pipelineId, entry.value]);
    const first = seenMappings.get(key);
    if (first === undefined) seenMappings.set(key, i);
    else add(`${path}.value`, `${JSON.stringify(entry.value)} is already mapped by stageMapping[${first}]`);
  });

  const serviceLineKeys = new Set(defs.serviceLines.map((s) => s.key));
  defs.serviceLines.forEach((line, i) => {
    if (defs.serviceLines.findIndex((s) => s.key === line.key) !== i)
      add(`serviceLines[${i}].key`, `duplicate key "${line.key}"`);
    if (line.key === "all" || line.key === "unassigned") add(`serviceLines[${i}].key`, `"${line.key}" is reserved`);
  });
  defs.serviceLineMap.forEach((entry, i) => {
    if (!serviceLineKeys.has(entry.serviceLine))
      add(`serviceLineMap[${i}].serviceLine`, `unknown service line "${entry.serviceLine}"`);
    if (defs.serviceLineMap.findIndex((e) => e.crm === entry.crm && e.value === entry.value) !== i) {
      add(`serviceLineMap[${i}].value`, `"${entry.value}" is mapped twice for ${entry.crm}`);
    }
  });
  defs.sourceCategoryMap.forEach((entry, i) => {
    if (!CATEGORIES.includes(entry.category))
      add(
        `sourceCategoryMap[${i}].category`,
        `unknown category "${entry.category}"; expected one of ${CATEGORIES.join(", ")}`,
      );
    if (defs.sourceCategoryMap.findIndex((e) => e.crm === entry.crm && e.value === entry.value) !== i) {
      add(`sourceCategoryMap[${i}].value`, `"${entry.value}" is mapped twice for ${entry.crm}`);
    }
  });

  const calendarKeys = new Set(defs.calendars.map((c) => c.key));
  defs.calendars.forEach((calendar, i) => {
    const path = `calendars[${i}]`;
    issues.push(zoneIssue(`${path}.timezone`, calendar.timezone));
    if (defs.calendars.findIndex((c) => c.key === calendar.key) !== i)
      add(`${path}.key`, `duplicate key "${calendar.key}"`);
    let openMinutes = 0;
    calendar.weeklyHours.forEach((hours, j) => {
      const hpath = `${path}.weeklyHours[${j}]`;
      if (!Number.isInteger(hours.weekday) || hours.weekday < 1 || hours.weekday > 7)
        add(`${hpath}.weekday`, `must be 1 (Monday) .. 7 (Sunday), got ${hours.weekday}`);
      const open = parseClock(hours.open);
      const close = parseClock(hours.close);
      if (open === null) add(`${hpath}.open`, `bad time "${hours.open}"; expected HH:MM`);
      if (close === null) add(`${hpath}.close`, `bad time "${hours.close}"; expected HH:MM`);
      if (open !== null && close !== null) {
        if (close <= open) add(`${hpath}.close`, `must be after open (${hours.open})`);
        else openMinutes += close - open;
        const overlapping = calendar.weeklyHours.findIndex((other, k) => {
          if (k >= j || other.weekday !== hours.weekday) return false;
          const o = parseClock(other.open);
          const c = parseClock(other.close);
          return o !== null && c !== null && o < close && open < c;
        });
        if (overlapping >= 0) add(hpath, `overlaps ${path}.weeklyHours[${overlapping}]`);
      }
    });
    if (openMinutes <= 0) add(`${path}.weeklyHours`, "calendar has no open hours");
    calendar.holidays.forEach((day, j) => {
      if (!parseDate(day)) add(`${path}.holidays[${j}]`, `bad date "${day}"; expected YYYY-MM-DD`);
    });
  });

  defs.slaRules.forEach((rule, i) => {
    const path = `slaRules[${i}]`;
    if (defs.slaRules.findIndex((r) => r.key === rule.key) !== i) add(`${path}.key`, `duplicate key "${rule.key}"`);
    if (!SLA_KINDS.includes(rule.kind))
      add(`${path}.kind`, `unknown kind "${rule.kind}"; expected one of ${SLA_KINDS.join(", ")}`);
    issues.push(stageIssue(`${path}.startStage`, rule.startStage));
    rule.stopStages.forEach((stage, j) => {
      issues.push(stageIssue(`${path}.stopStages[${j}]`, stage));
    });
    if ((rule.kind === "first_touch" || rule.kind === "acceptance") && rule.startStage !== "mql") {
      add(`${path}.startStage`, `a ${rule.kind} rule starts at "mql" (an MQL cycle), got "${rule.startStage}"`);
    }
    if ((rule.kind === "acceptance" || rule.kind === "stage_to_stage") && rule.stopStages.length === 0) {
      add(`${path}.stopStages`, `a ${rule.kind} rule needs at least one stop stage`);
    }
    if (!(rule.targetMinutes > 0)) add(`${path}.targetMinutes`, `must be positive, got ${rule.targetMinutes}`);
    if (!calendarKeys.has(rule.calendarKey)) add(`${path}.calendarKey`, `unknown calendar "${rule.calendarKey}"`);
    if (!(rule.atRiskFraction > 0 && rule.atRiskFraction <= 1))
      add(`${path}.atRiskFraction`, `must be in (0, 1], got ${rule.atRiskFraction}`);
    if (rule.escalateAfterMinutes !== null && !(rule.escalateAfterMinutes >= 0)) {
      add(`${path}.escalateAfterMinutes`, `must be null or >= 0, got ${rule.escalateAfterMinutes}`);
    }
    (rule.filters.serviceLines ?? []).forEach((line, j) => {
      if (!serviceLineKeys.has(line) && line !== "unassigned")
        add(`${path}.filters.serviceLines[${j}]`, `unknown service line "${line}"`);
    });
    (rule.filters.sourceCategories ?? []).forEach((category, j) => {
      if (!CATEGORIES.includes(category))
        add(`${path}.filters.sourceCategories[${j}]`, `unknown category "${category}"`);
    });
  });

  defs.targets.forEach((target, i) => {
    const path = `targets[${i}]`;
    if (target.serviceLine !== "all" && !serviceLineKeys.has(target.serviceLine))
      add(`${path}.serviceLine`, `unknown service line "${target.serviceLine}"`);
    if (!isFiscalQuarterKey(target.fiscalQuarter))
      add(`${path}.fiscalQuarter`, `bad quarter "${target.fiscalQuarter}"; expected FY2026-Q4`);
    if (!(target.amount >= 0)) add(`${path}.amount`, `must not be negative, got ${target.amount}`);
    const first = defs.targets.findIndex(
      (t) => t.serviceLine === target.serviceLine && t.fiscalQuarter === target.fiscalQuarter,
    );
    if (first !== i)
      add(path, `duplicate target for ${target.serviceLine} ${target.fiscalQuarter} (see targets[${first}])`);
  });

  return issues.filter((issue): issue is DefinitionIssue => issue !== null);
}
