// Run: node packages/core/bench/calendar.ts (results go to packages/core/BENCHMARKS.md).
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from "../src/index.ts";

const calendar: BusinessCalendar = {
  key: "business-hours",
  timezone: "Europe/Paris",
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "09:00", close: "17:00" })),
  holidays: ["2026-12-25", "2027-01-01"],
};
const CALLS = 100_000;
const startOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 97 * 60_000);

let started = performance.now();
let sink = 0;
for (let i = 0; i < CALLS; i++) {
  const from = startOf(i);
  sink += businessMinutesBetween(calendar, from, new Date(from.getTime() + 3 * 86_400_000));
}
const between = performance.now() - started;
started = performance.now();
for (let i = 0; i < CALLS; i++) sink += addBusinessMinutes(calendar, startOf(i), 960).getTime();
const add = performance.now() - started;
console.log(`businessMinutesBetween x${CALLS} (3-day spans): ${between.toFixed(0)} ms`);
console.log(`addBusinessMinutes x${CALLS} (2 business days): ${add.toFixed(0)} ms`);
if (Number.isNaN(sink)) process.exitCode = 1;
