import { fromLocal, toLocal } from "./zone.ts";

export interface FiscalQuarter {
  /** `FY<year>-Q<n>`; FY is named after the calendar year in which the fiscal year ends. */
  key: string;
  /** Local midnight of the first day (inclusive). */
  start: Date;
  /** Local midnight of the first day of the next quarter (exclusive). */
  end: Date;
  /** Local dates: first day, and first day of the next quarter (exclusive). */
  startDate: string;
  endDate: string;
}

function ymd(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

/** The fiscal quarter containing `instant`, in the workspace zone, for a fiscal year starting in `startMonth` (1 = January). */
export function fiscalQuarterOf(instant: Date, timeZone: string, startMonth: number): FiscalQuarter {
  const local = toLocal(instant, timeZone);
  const monthsIn = (local.month - startMonth + 12) % 12;
  const quarter = Math.floor(monthsIn / 3) + 1;
  const fiscalYear = startMonth === 1 || local.month < startMonth ? local.year : local.year + 1;
  // Months since year 0 keep the year rollover trivial.
  const startIndex = local.year * 12 + (local.month - 1) - (monthsIn % 3);
  const endIndex = startIndex + 3;
  const startY = Math.floor(startIndex / 12);
  const startM = (startIndex % 12) + 1;
  const endY = Math.floor(endIndex / 12);
  const endM = (endIndex % 12) + 1;
  return {
    key: `FY${fiscalYear}-Q${quarter}`,
    start: fromLocal({ year: startY, month: startM, day: 1, hour: 0, minute: 0 }, timeZone),
    end: fromLocal({ year: endY, month: endM, day: 1, hour: 0, minute: 0 }, timeZone),
    startDate: ymd(startY, startM),
    endDate: ymd(endY, endM),
  };
}

/** True for `FY2026-Q4`-shaped keys. */
export function isFiscalQuarterKey(text: string): boolean {
  return /^FY\d{4}-Q[1-4]$/.test(text);
}
