import { fromLocal, toLocal } from "./zone.ts";

/** An ISO week, written `2026-W47`. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY = 86_400_000;

/** Day number (UTC epoch days) of a civil date, so date arithmetic ignores zones. */
function civilDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY;
}

function isoWeekday(epochDay: number): number {
  return ((new Date(epochDay * DAY).getUTCDay() + 6) % 7) + 1;
}

/** Epoch day of the Monday of ISO week 1 (the week containing January 4th). */
function mondayOfWeekOne(year: number): number {
  const jan4 = civilDay(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/** 53 when January 1st is a Thursday, or a Wednesday in a leap year; else 52. */
export function isoWeeksInYear(year: number): number {
  return (mondayOfWeekOne(year + 1) - mondayOfWeekOne(year)) / 7;
}

export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, "0")}-W${String(week.week).padStart(2, "0")}`;
}

/** Parses `YYYY-Www`; throws RangeError for malformed text or a week the year does not have (e.g. W54). */
export function parseIsoWeek(text: string): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`invalid ISO week "${text}"; expected YYYY-Www, e.g. 2026-W47`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(`invalid ISO week "${text}"; ${year} has weeks 01 to ${isoWeeksInYear(year)}`);
  }
  return { year, week };
}

/** Non-throwing variant for request parsing. */
export function tryParseIsoWeek(text: string): IsoWeek | null {
  try {
    return parseIsoWeek(text);
  } catch {
    return null;
  }
}

function toWeek(week: IsoWeek | string): IsoWeek {
  return typeof week === "string" ? parseIsoWeek(week) : week;
}

function weekOfEpochDay(epochDay: number): IsoWeek {
  const thursday = epochDay - isoWeekday(epochDay) + 4;
  const year = new Date(thursday * DAY).getUTCFullYear();
  return { year, week: Math.floor((thursday - mondayOfWeekOne(year)) / 7) + 1 };
}

/** Monday 00:00 (inclusive) to next Monday 00:00 (exclusive), local in `timeZone`, DST-aware. */
export function weekBounds(week: IsoWeek | string, timeZone: string): { start: Date; end: Date } {
  const { year, week: number } = toWeek(week);
  const monday = new Date((mondayOfWeekOne(year) + (number - 1) * 7) * DAY);
  const nextMonday = new Date(monday.getTime() + 7 * DAY);
  const midnight = (d: Date) =>
    fromLocal(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 },
      timeZone,
    );
  return { start: midnight(monday), end: midnight(nextMonday) };
}

/** The ISO week (as `YYYY-Www`) containing `instant` in `timeZone`. */
export function weekOf(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return formatIsoWeek(weekOfEpochDay(civilDay(local.year, local.month, local.day)));
}

/** The week `delta` weeks after (negative: before) `week`. */
export function shiftWeek(week: IsoWeek | string, delta: number): string {
  const { year, week: number } = toWeek(week);
  return formatIsoWeek(weekOfEpochDay(mondayOfWeekOne(year) + (number - 1 + delta) * 7));
}

export function previousWeek(week: IsoWeek | string): string {
  return shiftWeek(week, -1);
}

/** The last week that has fully ended at `now`: the week before the one containing `now`. */
export function lastCompleteWeek(now: Date, timeZone: string): string {
  return previousWeek(weekOf(now, timeZone));
}

/** The `count` weeks ending with `week`, oldest first (a trend axis): weeksBack("2026-W03", 3) = W01..W03. */
export function weeksBack(week: IsoWeek | string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => shiftWeek(week, i - count + 1));
}
