import type { SlaClock } from "./clocks.ts";

export type ClockState = "running" | "at_risk" | "breached" | "escalated" | "met" | "stopped_at_risk";
export type AlertKind = "at_risk" | "breached" | "escalated";

/**
 * State of a clock at T. A clock stopped at or before its deadline is `met` (or
 * `stopped_at_risk` if it stopped after the at-risk point) and never breaches; one stopped
 * after its deadline stays `breached` (or `escalated`). Before its start a clock is `running`.
 */
export function clockStateAt(clock: SlaClock, asOf: Date): ClockState {
  const stopped = clock.stoppedAt !== null && clock.stoppedAt <= asOf ? clock.stoppedAt : null;
  const now = stopped ?? asOf;
  if (stopped && stopped <= clock.deadlineAt) return stopped > clock.atRiskAt ? "stopped_at_risk" : "met";
  if (clock.escalateAt && now >= clock.escalateAt) return "escalated";
  if (now >= clock.deadlineAt) return "breached";
  if (now >= clock.atRiskAt) return "at_risk";
  return "running";
}

/** Alerts a clock has earned by T, each once: its threshold passed while the clock still ran. */
export function clockAlertsDue(clock: SlaClock, asOf: Date): Array<{ kind: AlertKind; at: Date; key: string }> {
  const ranPast = (threshold: Date) => threshold <= asOf && (clock.stoppedAt === null || clock.stoppedAt > threshold);
  const alerts: Array<{ kind: AlertKind; at: Date }> = [];
  if (ranPast(clock.atRiskAt)) alerts.push({ kind: "at_risk", at: clock.atRiskAt });
  if (ranPast(clock.deadlineAt)) alerts.push({ kind: "breached", at: clock.deadlineAt });
  if (clock.escalateAt && ranPast(clock.escalateAt)) alerts.push({ kind: "escalated", at: clock.escalateAt });
  return alerts.map((a) => ({ ...a, key: alertKey(clock, a.kind) }));
}

/** Idempotency key: at most one alert of each kind per (rule, entity, cycle), whatever retries happen. */
export function alertKey(clock: Pick<SlaClock, "ruleKey" | "entityId" | "cycleIndex">, kind: AlertKind): string {
  return `${clock.ruleKey}:${clock.entityId}:${clock.cycleIndex}:${kind}`;
}

/** The next threshold after `now` at which the clock can still earn an alert; null when it never will again. */
export function clockNextCheckAt(clock: SlaClock, now: Date): Date | null {
  const thresholds = [clock.atRiskAt, clock.deadlineAt, clock.escalateAt].filter(
    (t): t is Date => t !== null && t > now && (clock.stoppedAt === null || clock.stoppedAt > t),
  );
  return thresholds.reduce<Date | null>((min, t) => (min === null || t < min ? t : min), null);
}
