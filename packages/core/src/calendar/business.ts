import type { BusinessCalendar } from "../definitions/types.ts";
import { formatDate, fromLocal, toLocal } from "../time/zone.ts";
import { parseClock } from "./hours.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar with no open time for ten years is treated as never open. */
const MAX_DAYS_SEARCHED = 3_660;

interface CompiledCalendar {
  timeZone: string;
  /** Open windows per ISO weekday (index 1..7), minutes of the local day, sorted. */
  windows: Array<Array<[number, number]>>;
  holidays: Set<string>;
  alwaysOpen: boolean;
  /** Open intervals per local epoch day; zone conversion dominates the cost, so days are memoised. */
  days: Map<number, Array<[number, number]>>;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const windows: Array<Array<[number, number]>> = Array.from({ length: 8 }, () => []);
  for (const hours of calendar.weeklyHours) {
    const open = parseClock(hours.open);
    const close = parseClock(hours.close);
    if (open === null || close === null || close <= open) continue;
    windows[hours.weekday]?.push([open, close]);
  }
  for (const day of windows) day.sort((a, b) => a[0] - b[0]);
  const fullDay = (day: Array<[number, number]>) => day.length > 0 && coversDay(day);
  const alwaysOpen = calendar.holidays.length === 0 && windows.slice(1).every(fullDay);
  const result = {
    timeZone: calendar.timezone,
    windows,
    holidays: new Set(calendar.holidays),
    alwaysOpen,
    days: new Map(),
  };
  compiled.set(calendar, result);
  return result;
}

function coversDay(day: Array<[number, number]>): boolean {
  let reached = 0;
  for (const [open, close] of day) {
    if (open > reached) return false;
    reached = Math.max(reached, close);
  }
  return reached >= 24 * 60;
}

/** Open intervals (epoch ms) of one local civil day, given as epoch-day number. */
function openIntervals(cal: CompiledCalendar, epochDay: number): Array<[number, number]> {
  let intervals = cal.days.get(epochDay);
  if (!intervals) {
    intervals = computeOpenIntervals(cal, epochDay);
    cal.days.set(epochDay, intervals);
  }
  return intervals;
}

function computeOpenIntervals(cal: CompiledCalendar, epochDay: number): Array<[number, number]> {
  const date = new Date(epochDay * DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (cal.holidays.has(formatDate(year, month, day))) return [];
  const weekday = ((date.getUTCDay() + 6) % 7) + 1;
  const at = (minutes: number) =>
    fromLocal({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, cal.timeZone).getTime();
  // Open and close are converted separately, so a 09:00-17:00 day is 8 hours when clocks change at night.
  return (cal.windows[weekday] ?? []).map(([open, close]) => [at(open), at(close)]);
}

function localEpochDay(instant: number, timeZone: string): number {
  const local = toLocal(new Date(instant), timeZone);
  return Date.UTC(local.year, local.month - 1, local.day) / DAY;
}

/** Open time inside [from, to), in minutes (decimal), honouring zone, weekly hours, holidays and DST. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  const cal = compile(calendar);
  if (cal.alwaysOpen) return (end - start) / MINUTE;
  let total = 0;
  // One day earlier covers windows that a previous local day contributes (none today, but cheap).
  const firstDay = localEpochDay(start, cal.timeZone) - 1;
  const lastDay = localEpochDay(end, cal.timeZone);
  for (let day = firstDay; day <= lastDay; day++) {
    for (const [open, close] of openIntervals(cal, day)) {
      const overlap = Math.min(close, end) - Math.max(open, start);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/**
 * The earliest instant whose business duration from `from` equals `minutes`.
 * Throws when the calendar has no open time within ten years.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  const start = from.getTime();
  if (minutes <= 0) return new Date(start);
  const cal = compile(calendar);
  if (cal.alwaysOpen) return new Date(start + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  const firstDay = localEpochDay(start, cal.timeZone) - 1;
  for (let day = firstDay; day <= firstDay + MAX_DAYS_SEARCHED; day++) {
    for (const [open, close] of openIntervals(cal, day)) {
      const usableFrom = Math.max(open, start);
      const available = close - usableFrom;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(usableFrom + remaining);
      remaining -= available;
    }
  }
  throw new RangeError(`calendar "${calendar.key}" has no open time to add ${minutes} business minutes`);
}
