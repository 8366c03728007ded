// Business hours of the generated company: Mon–Fri 09:00–17:00 UTC (the spec's default workspace zone).
const MINUTE = 60_000;
const OPEN_HOUR = 9;
const CLOSE_HOUR = 17;

function isBusinessTime(at: number): boolean {
  const d = new Date(at);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  return day >= 1 && day <= 5 && hour >= OPEN_HOUR && hour < CLOSE_HOUR;
}

/** The next instant at or after `at` when the office is open. */
export function nextOpening(at: number): number {
  let t = at;
  for (let guard = 0; guard < 14 * 24 && !isBusinessTime(t); guard++) {
    const d = new Date(t);
    const hour = d.getUTCHours();
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && hour < OPEN_HOUR) {
      d.setUTCHours(OPEN_HOUR, 0, 0, 0);
    } else {
      d.setUTCHours(24 + OPEN_HOUR, 0, 0, 0);
    }
    t = d.getTime();
  }
  return t;
}

export function addBusinessMinutes(at: number, minutes: number): number {
  let t = nextOpening(at);
  let left = minutes;
  while (left > 0) {
    const d = new Date(t);
    const close = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), CLOSE_HOUR);
    const available = (close - t) / MINUTE;
    if (left < available) return t + left * MINUTE;
    left -= available;
    t = nextOpening(close);
  }
  return t;
}

export const DAY = 24 * 60 * MINUTE;
export { MINUTE };
