// Number formats of the dashboard: one place, so every page writes a figure the same way.

const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export const dash = "—";

export const formatCount = (value: number | null | undefined) => (value == null ? dash : integer.format(value));

export const formatPercent = (rate: number | null | undefined) =>
  rate == null ? dash : `${oneDecimal.format(rate * 100)}%`;

export const formatRatio = (ratio: number | null | undefined) =>
  ratio == null ? dash : `${oneDecimal.format(ratio)}×`;

export const formatMoney = (amount: number | null | undefined) => (amount == null ? dash : money.format(amount));

export const formatDays = (days: number | null | undefined) => (days == null ? dash : `${oneDecimal.format(days)} d`);

/** Minutes as the unit a person reads: 45 min, 3.5 h, 2.1 d. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return dash;
  if (minutes < 90) return `${integer.format(minutes)} min`;
  if (minutes < 60 * 36) return `${oneDecimal.format(minutes / 60)} h`;
  return `${oneDecimal.format(minutes / 1440)} d`;
}

/** "6 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 60 * 48) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} d ago`;
}

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : dash;

export const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" }) : dash;

/** Signed change for a delta chip: "+3.2 pts", "−12 min". */
export function formatSigned(value: number, format: (v: number) => string): string {
  if (value === 0) return `±${format(0)}`;
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`;
}
