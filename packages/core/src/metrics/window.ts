import type { Definitions } from "../definitions/types.ts";
import { weekBounds } from "../time/week.ts";

/** Week W as of T: events count when start <= at < end and at <= asOf; states are taken at `cutoff`. */
export interface ReviewWindow {
  week: string;
  start: Date;
  end: Date;
  asOf: Date;
  /** min(asOf, end of W): the instant at which point-in-time states are read. */
  cutoff: Date;
}

export function reviewWindow(defs: Definitions, week: string, asOf: Date): ReviewWindow {
  const { start, end } = weekBounds(week, defs.timezone);
  return { week, start, end, asOf, cutoff: new Date(Math.min(asOf.getTime(), end.getTime())) };
}

/** Happened in W and by T. */
export function inWindow(window: ReviewWindow, at: Date | null): boolean {
  return at !== null && at >= window.start && at < window.end && at <= window.asOf;
}

export function forServiceLine<T extends { serviceLine: string }>(rows: readonly T[], serviceLine: string): T[] {
  return serviceLine === "all" ? [...rows] : rows.filter((r) => r.serviceLine === serviceLine);
}
