import { type AlertKind, type ClockState, clockAlertsDue, clockStateAt, type SlaClock } from "@revops/core";

export interface ClockCheckResult {
  state: ClockState;
  due: Array<{ kind: AlertKind; at: Date }>;
  /** The next threshold the clock will run past; null when no alert can come any more. */
  nextCheckAt: Date | null;
}

/**
 * Evaluates a stored clock at `now` with core's rules: the alerts it has earned (each threshold
 * passed while still running) and when it next needs a look, so a tick only reads due clocks.
 */
export function checkClock(clock: SlaClock, now: Date): ClockCheckResult {
  const thresholds = [clock.atRiskAt, clock.deadlineAt, clock.escalateAt].filter((t): t is Date => t !== null);
  const future = thresholds
    .filter((t) => t > now && (clock.stoppedAt === null || clock.stoppedAt > t))
    .sort((a, b) => a.getTime() - b.getTime());
  return {
    state: clockStateAt(clock, now),
    due: clockAlertsDue(clock, now).map(({ kind, at }) => ({ kind, at })),
    nextCheckAt: future[0] ?? null,
  };
}

/** The first threshold a freshly refreshed clock runs past (maybe already passed: the next tick looks). */
export function firstCheckAt(clock: SlaClock): Date | null {
  const thresholds = [clock.atRiskAt, clock.deadlineAt, clock.escalateAt].filter((t): t is Date => t !== null);
  const reachable = thresholds.filter((t) => clock.stoppedAt === null || clock.stoppedAt > t);
  reachable.sort((a, b) => a.getTime() - b.getTime());
  return reachable[0] ?? null;
}
