import { escapeHtml } from "../channels/email.ts";
import type { ChannelContent } from "../channels/send.ts";
import type { Digest, DigestRecordLine } from "./digest.ts";
import type { DigestKpi } from "./digest-kpis.ts";

function formatValue(kpi: DigestKpi, value: number | null): string {
  if (value === null) return "n/a";
  if (kpi.unit === "ratio") return `${(value * 100).toFixed(1)}%`;
  if (kpi.unit === "minutes") return `${Math.round(value)} min`;
  if (kpi.unit === "amount") return Math.round(value).toLocaleString("en-US");
  return String(value);
}

function formatDelta(kpi: DigestKpi): string {
  if (kpi.delta === null) return "";
  const sign = kpi.delta > 0 ? "+" : kpi.delta < 0 ? "−" : "±";
  const size = Math.abs(kpi.delta);
  const text = kpi.unit === "ratio" ? `${(size * 100).toFixed(1)} pts` : formatValue(kpi, size);
  return `${sign}${text}`;
}

const kpiLine = (kpi: DigestKpi) =>
  `${kpi.label}: ${formatValue(kpi, kpi.value)} (${formatDelta(kpi) || "no comparison"} vs the week before)`;
const recordLine = (line: DigestRecordLine) =>
  `${line.entityName} (${line.owner}), ${line.ruleName}${line.late ? `, ${line.late} overdue` : ""}${line.recordUrl ? ` ${line.recordUrl}` : ""}`;

/** One digest, three shapes: email (text + HTML), Slack Block Kit and webhook JSON. */
export function renderDigest(digest: Digest): ChannelContent {
  const subject = `Weekly RevOps digest ${digest.week}: ${digest.workspaceName}`;
  const sections: Array<[string, string[]]> = [
    ["Last week's KPIs", digest.kpis.map(kpiLine)],
    [`SLA breaches (${digest.breaches.length})`, digest.breaches.map(recordLine)],
    [`Stalled deals (${digest.stalledDeals.length})`, digest.stalledDeals.map(recordLine)],
    [
      `Open action items (${digest.actionItems.length})`,
      digest.actionItems.map((i) => `${i.title} (${i.owner}${i.dueDate ? `, due ${i.dueDate}` : ""})`),
    ],
  ];
  const text = [
    subject,
    "",
    ...sections.flatMap(([title, lines]) => [title, ...(lines.length ? lines.map((l) => `- ${l}`) : ["- none"]), ""]),
    `Open the review: ${digest.reviewUrl}`,
  ].join("\n");
  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    ...sections.map(
      ([title, lines]) =>
        `<h3>${escapeHtml(title)}</h3><ul>${(lines.length ? lines : ["none"]).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    ),
    `<p><a href="${escapeHtml(digest.reviewUrl)}">Open the review</a></p>`,
  ].join("");
  const blocks = [
    { type: "header", text: { type: "plain_text", text: subject.slice(0, 150) } },
    ...sections.map(([title, lines]) => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${title}*\n${(lines.length ? lines : ["none"]).map((l) => `• ${l}`).join("\n")}`.slice(0, 2900),
      },
    })),
    {
      type: "actions",
      elements: [{ type: "button", text: { type: "plain_text", text: "Open the review" }, url: digest.reviewUrl }],
    },
  ];
  return {
    email: { subject, text, html },
    slack: { text: subject, blocks },
    webhook: { type: "weekly.digest", ...digest },
  };
}
