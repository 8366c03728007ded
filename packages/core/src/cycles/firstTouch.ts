import type { Activity } from "../model.ts";

/**
 * A first-touch candidate: a rep's own call, meeting or outbound email. Automated
 * (sequence) activity never counts; emails count only when outbound; calls and meetings
 * count whatever their direction (a rep took part either way).
 */
export function isSalesTouch(activity: Activity): boolean {
  if (activity.automated) return false;
  if (activity.kind === "email") return activity.direction === "outbound";
  return true;
}
