// ISO weeks in the browser (the API does the zone-exact maths; this only names and steps weeks).

export const isIsoWeek = (text: string | null): text is string =>
  text !== null && /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(text);

function mondayOfWeek1(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const day = jan4.getUTCDay() || 7;
  return new Date(Date.UTC(year, 0, 4 - day + 1));
}

/** The ISO week containing a UTC date. */
function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday (UTC date) of an ISO week. */
function mondayOf(week: string): Date {
  const [year, number] = week.split("-W").map(Number) as [number, number];
  const monday = mondayOfWeek1(year);
  monday.setUTCDate(monday.getUTCDate() + (number - 1) * 7);
  return monday;
}

export function shiftWeek(week: string, delta: number): string {
  const monday = mondayOf(week);
  monday.setUTCDate(monday.getUTCDate() + delta * 7);
  return isoWeekOf(monday);
}

/** The last week that has fully ended (the default review). */
export const lastCompleteWeek = (now = new Date()) => shiftWeek(isoWeekOf(now), -1);

/** "17 – 23 Nov 2026" for a week key. */
export function weekRangeLabel(week: string): string {
  const monday = mondayOf(week);
  const sunday = new Date(monday);
  sunday.setUTCDate(sunday.getUTCDate() + 6);
  const day = (d: Date, withMonth: boolean) =>
    d.toLocaleDateString("en-GB", { day: "numeric", month: withMonth ? "short" : undefined, timeZone: "UTC" });
  const sameMonth = monday.getUTCMonth() === sunday.getUTCMonth();
  return `${day(monday, !sameMonth)} – ${day(sunday, true)} ${sunday.getUTCFullYear()}`;
}
